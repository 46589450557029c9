using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HookahLounge.Core.Tests.Staff;

public sealed class StaffAccountsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 18, 0, 0, TimeSpan.Zero));

    private StaffAccounts Accounts(HookahLounge.Core.Data.LoungeDbContext db, StaffAccountOptions? options = null) =>
        new(db, new PasswordHasher<StaffUser>(), Options.Create(options ?? new StaffAccountOptions()), _clock, NullLogger<StaffAccounts>.Instance);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Passwords_are_hashed_and_logins_are_case_insensitive(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var accounts = Accounts(db);

        var created = await accounts.CreateAsync("Anna", "Анна", "correct horse", StaffRole.Manager);

        created.Succeeded.Should().BeTrue();
        var stored = await db.StaffUsers.AsNoTracking().SingleAsync();
        stored.Login.Should().Be("anna");
        stored.PasswordHash.Should().NotContain("correct horse");
        (await accounts.SignInAsync("ANNA", "correct horse")).Outcome.Should().Be(SignInOutcome.Succeeded);
        (await accounts.SignInAsync("anna", "Correct horse")).Outcome.Should().Be(SignInOutcome.InvalidCredentials);
        (await accounts.SignInAsync("nobody", "correct horse")).Outcome.Should().Be(SignInOutcome.InvalidCredentials);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Repeated_failures_lock_the_account_until_the_lockout_passes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var accounts = Accounts(db, new StaffAccountOptions { MaxFailedLogins = 3, LockoutMinutes = 10 });
        await accounts.CreateAsync("bar", "Бар", "right-password", StaffRole.Staff);

        (await accounts.SignInAsync("bar", "wrong-1")).Outcome.Should().Be(SignInOutcome.InvalidCredentials);
        (await accounts.SignInAsync("bar", "wrong-2")).Outcome.Should().Be(SignInOutcome.InvalidCredentials);
        var third = await accounts.SignInAsync("bar", "wrong-3");

        third.Outcome.Should().Be(SignInOutcome.LockedOut);
        third.LockedUntilUtc.Should().Be(_clock.GetUtcNow().UtcDateTime.AddMinutes(10));
        (await accounts.SignInAsync("bar", "right-password")).Outcome.Should().Be(SignInOutcome.LockedOut, "the right password does not bypass a lockout");

        _clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        (await accounts.SignInAsync("bar", "right-password")).Outcome.Should().Be(SignInOutcome.Succeeded);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bad_account_data_is_refused_and_nothing_is_saved(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var accounts = Accounts(db);
        await accounts.CreateAsync("owner", "Владелец", "long-enough", StaffRole.Owner);

        (await accounts.CreateAsync("x", "Имя", "long-enough", StaffRole.Staff)).Error.Should().Be(StaffAccountError.LoginInvalid);
        (await accounts.CreateAsync("анна", "Имя", "long-enough", StaffRole.Staff)).Error.Should().Be(StaffAccountError.LoginInvalid);
        (await accounts.CreateAsync("OWNER", "Имя", "long-enough", StaffRole.Staff)).Error.Should().Be(StaffAccountError.LoginTaken);
        (await accounts.CreateAsync("waiter", "Имя", "short", StaffRole.Staff)).Error.Should().Be(StaffAccountError.PasswordTooShort);
        (await accounts.CreateAsync("waiter", " ", "long-enough", StaffRole.Staff)).Error.Should().Be(StaffAccountError.DisplayNameMissing);

        (await db.StaffUsers.CountAsync()).Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_last_owner_cannot_be_demoted_or_disabled(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var accounts = Accounts(db);
        var owner = (await accounts.CreateAsync("owner", "Владелец", "long-enough", StaffRole.Owner)).User!;

        (await accounts.UpdateAsync(owner.Id, StaffRole.Manager, true)).Error.Should().Be(StaffAccountError.LastOwner);
        (await accounts.UpdateAsync(owner.Id, StaffRole.Owner, false)).Error.Should().Be(StaffAccountError.LastOwner);

        var second = (await accounts.CreateAsync("partner", "Партнёр", "long-enough", StaffRole.Owner)).User!;
        (await accounts.UpdateAsync(owner.Id, StaffRole.Manager, true)).Succeeded.Should().BeTrue();
        (await accounts.UpdateAsync(second.Id, StaffRole.Staff, true)).Error.Should().Be(StaffAccountError.LastOwner);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_password_or_a_disabled_account_ends_existing_sessions(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var accounts = Accounts(db);
        await accounts.CreateAsync("owner", "Владелец", "long-enough", StaffRole.Owner);
        var user = (await accounts.CreateAsync("waiter", "Официант", "long-enough", StaffRole.Staff)).User!;
        var stamp = user.SecurityStamp;
        (await accounts.IsSessionValidAsync(user.Id, stamp)).Should().BeTrue();

        await accounts.SetPasswordAsync(user.Id, "another-password");
        (await accounts.IsSessionValidAsync(user.Id, stamp)).Should().BeFalse();

        var fresh = (await db.StaffUsers.AsNoTracking().SingleAsync(u => u.Id == user.Id)).SecurityStamp;
        await accounts.UpdateAsync(user.Id, StaffRole.Staff, isActive: false);
        (await accounts.IsSessionValidAsync(user.Id, fresh)).Should().BeFalse();
        (await accounts.SignInAsync("waiter", "another-password")).Outcome.Should().Be(SignInOutcome.Inactive);
    }

    [Fact]
    public async Task The_configured_bootstrap_owner_is_created_only_when_there_is_no_owner()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var db = await database.CreateMigratedContextAsync();
        var accounts = Accounts(db, new StaffAccountOptions { Bootstrap = new() { Login = "boss", Password = "from-config-1" } });

        (await accounts.EnsureBootstrapOwnerAsync()).Should().BeTrue();
        (await accounts.EnsureBootstrapOwnerAsync()).Should().BeFalse();

        (await db.StaffUsers.SingleAsync()).Role.Should().Be(StaffRole.Owner);
    }
}
