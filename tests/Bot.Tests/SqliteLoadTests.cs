using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using HookahLounge.Testing;

namespace HookahLounge.Bot.Tests;

public sealed class SqliteLoadTests
{
    [Fact]
    public async Task A_hundred_chats_at_once_on_SQLite_all_get_their_answers_and_none_fails()
    {
        await using var host = await BotHost.StartAsync(nameof(DatabaseProvider.Sqlite));
        long[] chats = [.. Enumerable.Range(0, 100).Select(i => 20_000L + i)];

        foreach (var chat in chats)
        {
            host.Telegram.Push(Updates.Text(host.Telegram.NextUpdateId(), chat, "/start"));
        }

        foreach (var step in new[] { "age:yes", "home:contacts" })
        {
            foreach (var chat in chats)
            {
                host.Telegram.Push(Updates.Button(host.Telegram.NextUpdateId(), chat, step, messageId: 2));
            }
        }

        await host.Telegram.WaitForAsync(calls => chats.All(chat => calls.Count(c => c.ChatId == chat) >= 5), TimeSpan.FromSeconds(90));
        await host.Telegram.SettleAsync();

        host.Telegram.Calls.Should().NotContain(c => c.Text != null && c.Text.Contains("Что-то пошло не так"));
        (await host.ProcessedUpdatesAsync()).Should().Be(300);
        foreach (var chat in chats)
        {
            host.Telegram.CallsTo(chat).Select(c => c.Method).Should().Equal(["sendmessage", "sendmessage", "editmessagetext", "sendvenue", "sendmessage"], $"chat {chat} got each reply once, in order");
        }
    }

    [Fact]
    public async Task A_webhook_update_is_stored_at_the_first_try_while_bot_transactions_queue_back_to_back_on_SQLite()
    {
        // Storing an update is a single INSERT outside any transaction. Left to SQLite's busy handler it loses every race
        // against transactions that follow each other without a gap, and fails once the busy timeout (10 s) is spent;
        // queued at the same in-process gate it gets its turn among them.
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = WebhookGuests.Settings;
        settings["ConnectionStrings:Lounge"] = database.ConnectionString + ";Default Timeout=2";
        await using var host = await BotHost.StartOnAsync(database, settings);
        var client = host.App!.CreateClient();
        var guests = new WebhookGuests(() => client, host.Telegram);

        using var busy = new CancellationTokenSource(TimeSpan.FromSeconds(14));
        var nextId = 9_000_000L;
        var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!busy.IsCancellationRequested)
            {
                await using var scope = host.App.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LoungeDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                var id = Interlocked.Increment(ref nextId);
                await db.Database.ExecuteSqlAsync($"""INSERT INTO "ProcessedUpdates" ("UpdateId", "ProcessedAtUtc") VALUES ({id}, {DateTime.UtcNow})""");
                await Task.Delay(20);
                await transaction.CommitAsync();
            }
        })).ToList();

        for (var round = 1; round <= 2; round++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var chat = 30_000L + round;
            var started = DateTime.UtcNow;
            await guests.DeliverAsync(Updates.Text(host.Telegram.NextUpdateId(), chat, "/start"));
            var waited = DateTime.UtcNow - started;
            guests.Refused.Should().Be(0, "round {0}: the update was stored when Telegram first delivered it", round);

            // A liveness bound, not a speed figure: queued, it waits for a few 20 ms transactions; starved, it waits
            // until SQLite's 10 s busy handler happens to win (or Telegram's request times out in production).
            waited.Should().BeLessThan(TimeSpan.FromSeconds(5), "round {0}: the store queued among the transactions instead of being starved by them", round);
        }

        await busy.CancelAsync();
        await Task.WhenAll(writers);
        await guests.WaitUntilHandledAsync(database, TimeSpan.FromSeconds(60));
        host.Telegram.CallsTo(30_001).Should().HaveCount(2, "the first guest got the greeting and the age question once");
        host.Telegram.CallsTo(30_002).Should().HaveCount(2, "so did the second");
    }
}
