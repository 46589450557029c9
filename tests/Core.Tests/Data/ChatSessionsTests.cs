using HookahLounge.Core.Chats;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Visits;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HookahLounge.Core.Tests.Data;

public sealed class ChatSessionsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_stale_session_write_is_rejected_by_the_version_check(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using (var db = await database.CreateMigratedContextAsync())
        {
            await new ChatSessions(db, clock, new OpenVisitsSeen()).GetOrStartAsync(42, "Home", "Welcome");
            await db.SaveChangesAsync();
        }

        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var a = await first.ChatSessions.SingleAsync();
        var b = await second.ChatSessions.SingleAsync();
        a.State = "MainMenu";
        new ChatSessions(first, clock, new OpenVisitsSeen()).Touch(a);
        await first.SaveChangesAsync();

        b.State = "Settings";
        new ChatSessions(second, clock, new OpenVisitsSeen()).Touch(b);
        await second.Invoking(db => db.SaveChangesAsync()).Should().ThrowAsync<DbUpdateConcurrencyException>();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Handled_update_ids_are_pruned_after_the_retention_period(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var sessions = new ChatSessions(db, clock, new OpenVisitsSeen());
        sessions.MarkProcessed(1);
        await db.SaveChangesAsync();
        clock.Advance(TimeSpan.FromDays(8));
        sessions.MarkProcessed(2);
        await db.SaveChangesAsync();

        (await sessions.PruneProcessedAsync(TimeSpan.FromDays(7))).Should().Be(1);

        (await sessions.IsProcessedAsync(1)).Should().BeFalse();
        (await sessions.IsProcessedAsync(2)).Should().BeTrue();
    }

    [Theory]
    [InlineData("ru", "ru")]
    [InlineData("ru-RU", "ru")]
    [InlineData("en", "en")]
    [InlineData("en-US", "en")]
    [InlineData("de", "ru")]
    [InlineData(null, "ru")]
    public void The_guest_language_comes_from_telegram_with_russian_as_the_default(string? telegram, string expected) =>
        CustomerDirectory.LanguageFor(telegram).Should().Be(expected);
}
