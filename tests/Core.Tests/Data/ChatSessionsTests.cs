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
    public async Task An_updates_first_query_answers_for_a_guest_never_seen_too_so_nothing_is_asked_twice(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await (await database.CreateMigratedContextAsync()).DisposeAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var commands = new CommandCounter();

        // Two new guests, one after the other: each first update is read in one query, and the guest and session it did
        // not find are created without looking for them again.
        foreach (var (chat, update) in new[] { (42L, 1L), (43L, 2L) })
        {
            await using (var db = database.CreateContext(commands))
            {
                var sessions = new ChatSessions(db, clock, new OpenVisitsSeen());
                commands.Count = 0;
                var preload = await sessions.PreloadAsync(chat, chat, update);
                preload.Should().Be(new ChatPreload(false, null));
                var customer = new CustomerDirectory(db, clock).AddOrRefreshTelegram(preload.Customer, new TelegramIdentity(chat, chat, "Гость", null, null, "ru"));
                var session = await sessions.GetOrStartAsync(chat, "Home", "Welcome");
                commands.Count.Should().Be(1, "the update's first query said there is no such guest and no session yet");
                await db.SaveChangesAsync();
                session.CustomerId = customer.Id;
                sessions.MarkProcessed(update);
                await db.SaveChangesAsync();
            }

            // The same update delivered again: handled, and the guest is found with it.
            await using (var db = database.CreateContext())
            {
                var again = await new ChatSessions(db, clock, new OpenVisitsSeen()).PreloadAsync(chat, chat, update);
                again.Handled.Should().BeTrue();
                again.Customer!.TelegramUserId.Should().Be(chat);
                db.ChatSessions.Local.Should().ContainSingle(s => s.ChatId == chat);
            }
        }

        // A handled update is known as handled even for a Telegram user with no guest record.
        await using (var db = database.CreateContext())
        {
            (await new ChatSessions(db, clock, new OpenVisitsSeen()).PreloadAsync(99, 99, 1)).Should().Be(new ChatPreload(true, null));
        }

        // A known guest whose chat was reset gets a fresh session.
        await using (var db = database.CreateContext())
        {
            var sessions = new ChatSessions(db, clock, new OpenVisitsSeen());
            await sessions.ResetAsync(42);
            var preload = await sessions.PreloadAsync(42, 42, 3);
            preload.Customer.Should().NotBeNull();
            var session = await sessions.GetOrStartAsync(42, "Home", "Welcome");
            db.Entry(session).State.Should().Be(EntityState.Added);
        }
    }

    private sealed class CommandCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public int Count { get; set; }

        public override System.Data.Common.DbCommand CommandInitialized(Microsoft.EntityFrameworkCore.Diagnostics.CommandEndEventData eventData, System.Data.Common.DbCommand result)
        {
            Count++;
            return result;
        }
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
