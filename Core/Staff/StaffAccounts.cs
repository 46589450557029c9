using System.Text.RegularExpressions;
using HookahLounge.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HookahLounge.Core.Staff;

public enum StaffAccountError
{
    None,
    LoginInvalid,
    LoginTaken,
    PasswordTooShort,
    DisplayNameMissing,
    NotFound,
    LastOwner,
    TelegramIdTaken,
}

public enum SignInOutcome
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    Inactive,
}

public sealed record SignInResult(SignInOutcome Outcome, StaffUser? User = null, DateTime? LockedUntilUtc = null);

public sealed record StaffAccountResult(StaffAccountError Error, StaffUser? User = null)
{
    public bool Succeeded => Error == StaffAccountError.None;
}

/// <summary>Back-office accounts: creation, password checks with lockout, role and status changes.</summary>
public sealed partial class StaffAccounts(
    LoungeDbContext db,
    IPasswordHasher<StaffUser> hasher,
    IOptions<StaffAccountOptions> options,
    TimeProvider time,
    ILogger<StaffAccounts> logger)
{
    [GeneratedRegex("^[a-z0-9._-]{3,64}$")]
    private static partial Regex LoginPattern();

    public static string NormalizeLogin(string login) => login.Trim().ToLowerInvariant();

    public async Task<StaffAccountResult> CreateAsync(string login, string displayName, string password, StaffRole role, CancellationToken ct = default)
    {
        var normalized = NormalizeLogin(login);
        if (!LoginPattern().IsMatch(normalized))
        {
            return new(StaffAccountError.LoginInvalid);
        }

        if (string.IsNullOrWhiteSpace(displayName))
        {
            return new(StaffAccountError.DisplayNameMissing);
        }

        if (password.Length < options.Value.PasswordMinLength)
        {
            return new(StaffAccountError.PasswordTooShort);
        }

        if (await db.StaffUsers.AnyAsync(u => u.Login == normalized, ct))
        {
            return new(StaffAccountError.LoginTaken);
        }

        var user = new StaffUser
        {
            Login = normalized,
            DisplayName = displayName.Trim(),
            Role = role,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.StaffUsers.Add(user);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Staff account {Login} created with role {Role}", user.Login, user.Role);
        return new(StaffAccountError.None, user);
    }

    /// <summary>
    /// Checks a password; repeated failures lock the account for a while, even for the right password. Each
    /// attempt first claims one of the allowed failures with a conditional update, so parallel attempts get at
    /// most <see cref="StaffAccountOptions.MaxFailedLogins"/> password checks between lockouts. Unknown and
    /// locked logins cost the same hash computation as a real check.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string login, string password, CancellationToken ct = default)
    {
        var normalized = NormalizeLogin(login);
        var max = options.Value.MaxFailedLogins;
        var now = time.GetUtcNow().UtcDateTime;
        var user = await db.StaffUsers.SingleOrDefaultAsync(u => u.Login == normalized, ct);
        if (user is null)
        {
            VerifyDummy(password);
            return new(SignInOutcome.InvalidCredentials);
        }

        var id = user.Id;
        var claimed = await db.StaffUsers
            .Where(u => u.Id == id && (u.LockoutEndUtc == null || u.LockoutEndUtc <= now) && u.FailedLoginCount < max)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1), ct);
        if (claimed == 0)
        {
            VerifyDummy(password);
            return new(SignInOutcome.LockedOut, LockedUntilUtc: await LockAsync(id, now, ct));
        }

        await db.Entry(user).ReloadAsync(ct);
        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            // The claimed failure stays counted; the attempt that used up the last one starts the lockout.
            return user.FailedLoginCount >= max
                ? new(SignInOutcome.LockedOut, LockedUntilUtc: await LockAsync(id, now, ct))
                : new(SignInOutcome.InvalidCredentials);
        }

        if (!user.IsActive)
        {
            user.FailedLoginCount = 0;
            await db.SaveChangesAsync(ct);
            return new(SignInOutcome.Inactive);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
        }

        user.FailedLoginCount = 0;
        user.LockoutEndUtc = null;
        user.LastLoginAtUtc = now;
        await db.SaveChangesAsync(ct);
        return new(SignInOutcome.Succeeded, user);
    }

    /// <summary>Starts the lockout once the failures are used up (once, whoever gets there first); returns its end.</summary>
    private async Task<DateTime?> LockAsync(int id, DateTime now, CancellationToken ct)
    {
        var until = now.AddMinutes(options.Value.LockoutMinutes);
        var locked = await db.StaffUsers
            .Where(u => u.Id == id && u.FailedLoginCount >= options.Value.MaxFailedLogins && (u.LockoutEndUtc == null || u.LockoutEndUtc <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEndUtc, until).SetProperty(u => u.FailedLoginCount, 0), ct);
        if (locked > 0)
        {
            logger.LogWarning("Staff account {UserId} locked until {LockedUntil} after repeated failed logins", id, until);
            return until;
        }

        return await db.StaffUsers.Where(u => u.Id == id).Select(u => u.LockoutEndUtc).SingleAsync(ct);
    }

    private void VerifyDummy(string password) =>
        hasher.VerifyHashedPassword(new StaffUser { Login = "", DisplayName = "" }, DummyHash.Value, password);

    /// <summary>True while the account still exists, is active and has the stamp the cookie was issued with.</summary>
    public Task<bool> IsSessionValidAsync(int userId, string securityStamp, CancellationToken ct = default) =>
        db.StaffUsers.AnyAsync(u => u.Id == userId && u.IsActive && u.SecurityStamp == securityStamp, ct);

    public Task<List<StaffUser>> ListAsync(CancellationToken ct = default) =>
        db.StaffUsers.AsNoTracking().OrderByDescending(u => u.Role).ThenBy(u => u.Login).ToListAsync(ct);

    public async Task<StaffAccountResult> SetPasswordAsync(int userId, string password, CancellationToken ct = default)
    {
        if (password.Length < options.Value.PasswordMinLength)
        {
            return new(StaffAccountError.PasswordTooShort);
        }

        var user = await db.StaffUsers.FindAsync([userId], ct);
        if (user is null)
        {
            return new(StaffAccountError.NotFound);
        }

        user.PasswordHash = hasher.HashPassword(user, password);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.FailedLoginCount = 0;
        user.LockoutEndUtc = null;
        await db.SaveChangesAsync(ct);
        return new(StaffAccountError.None, user);
    }

    public async Task<StaffAccountResult> UpdateAsync(int userId, StaffRole role, bool isActive, CancellationToken ct = default)
    {
        var user = await db.StaffUsers.FindAsync([userId], ct);
        if (user is null)
        {
            return new(StaffAccountError.NotFound);
        }

        var losesOwner = user.Role == StaffRole.Owner && user.IsActive && (role != StaffRole.Owner || !isActive);
        if (losesOwner && !await db.StaffUsers.AnyAsync(u => u.Id != userId && u.Role == StaffRole.Owner && u.IsActive, ct))
        {
            return new(StaffAccountError.LastOwner, user);
        }

        if (user.Role != role || user.IsActive != isActive)
        {
            // A changed role or a disabled account must not keep working through an old cookie.
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }

        user.Role = role;
        user.IsActive = isActive;
        await db.SaveChangesAsync(ct);
        return new(StaffAccountError.None, user);
    }

    /// <summary>Links (or with null unlinks) the person's Telegram account, which lets them use the staff-chat buttons.</summary>
    public Task<StaffUser?> FindActiveAsync(int userId, CancellationToken ct = default) =>
        db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.IsActive, ct);

    /// <summary>The active staff member whose Telegram account is linked, e.g. for a staff-chat button.</summary>
    public Task<StaffUser?> FindActiveByTelegramAsync(long telegramUserId, CancellationToken ct = default) =>
        db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(u => u.TelegramUserId == telegramUserId && u.IsActive, ct);

    public async Task<StaffAccountResult> SetTelegramUserIdAsync(int userId, long? telegramUserId, CancellationToken ct = default)
    {
        var user = await db.StaffUsers.FindAsync([userId], ct);
        if (user is null)
        {
            return new(StaffAccountError.NotFound);
        }

        if (telegramUserId is { } id && (id <= 0 || await db.StaffUsers.AnyAsync(u => u.Id != userId && u.TelegramUserId == id, ct)))
        {
            return new(StaffAccountError.TelegramIdTaken, user);
        }

        user.TelegramUserId = telegramUserId;
        await db.SaveChangesAsync(ct);
        return new(StaffAccountError.None, user);
    }

    public async Task<StaffAccountResult> UnlockAsync(int userId, CancellationToken ct = default)
    {
        var user = await db.StaffUsers.FindAsync([userId], ct);
        if (user is null)
        {
            return new(StaffAccountError.NotFound);
        }

        user.LockoutEndUtc = null;
        user.FailedLoginCount = 0;
        await db.SaveChangesAsync(ct);
        return new(StaffAccountError.None, user);
    }

    /// <summary>Creates the configured Owner when there is none; returns whether it did.</summary>
    public async Task<bool> EnsureBootstrapOwnerAsync(CancellationToken ct = default)
    {
        if (options.Value.Bootstrap is not { Login: { Length: > 0 } login, Password: { Length: > 0 } password } bootstrap)
        {
            if (!await db.StaffUsers.AnyAsync(u => u.Role == StaffRole.Owner, ct))
            {
                logger.LogWarning("No Owner account exists. Create one with: dotnet run --project Site -- create-admin --login <login> --password <password>");
            }

            return false;
        }

        if (await db.StaffUsers.AnyAsync(u => u.Role == StaffRole.Owner, ct))
        {
            return false;
        }

        var result = await CreateAsync(login, bootstrap.DisplayName, password, StaffRole.Owner, ct);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Admin:Bootstrap could not create the Owner account: {result.Error}.");
        }

        return true;
    }

    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<StaffUser>().HashPassword(new StaffUser { Login = "", DisplayName = "" }, Guid.NewGuid().ToString()));
}
