using HookahLounge.Core.Data;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace HookahLounge.Bot.Tests;

/// <summary>
/// Long polling keeps the webhook's promises: a graceful stop finishes what was fetched before it lets go, and a
/// database outage loses nothing; every update is handled once and each chat's steps keep their order.
/// </summary>
public sealed class PollingDurabilityTests(ITestOutputHelper output)
{
    private const int Chats = 30;

    private static readonly string[] Steps = ["/start", "age:yes", "home:contacts"];

    private static System.Text.Json.Nodes.JsonObject Step(FakeTelegram telegram, long chat, string step) => step.StartsWith('/')
        ? Updates.Text(telegram.NextUpdateId(), chat, step)
        : Updates.Button(telegram.NextUpdateId(), chat, step, messageId: 2);

    /// <summary>The guests' steps, chats interleaved, a few milliseconds apart: a steady stream rather than one batch.</summary>
    private static async Task<List<long>> StreamAsync(FakeTelegram telegram, long firstChat, System.Collections.Concurrent.ConcurrentQueue<long> pushed)
    {
        foreach (var step in Steps)
        {
            for (var chat = firstChat; chat < firstChat + Chats; chat++)
            {
                pushed.Enqueue(telegram.Push(Step(telegram, chat, step)));
                await Task.Delay(5);
            }
        }

        return [.. pushed];
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_graceful_stop_finishes_every_fetched_update_and_the_next_start_handles_the_rest_once(string provider)
    {
        await using var host = await BotHost.StartAsync(provider, new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        var control = await ControlAsync(host);
        host.Telegram.SendDelay = TimeSpan.FromMilliseconds(40);

        var pushed = new System.Collections.Concurrent.ConcurrentQueue<long>();
        var stream = StreamAsync(host.Telegram, 9700, pushed);
        await WaitUntilAsync(() => HandedOut(host.Telegram, pushed).Count >= Chats + 10);
        var stopping = DateTimeOffset.UtcNow;
        await host.App!.DisposeAsync();

        // What the host surely had in hand: a poll answered as the stop began may never have reached it (Telegram sends it again).
        var fetched = HandedOut(host.Telegram, pushed, before: stopping.AddMilliseconds(-200));
        output.WriteLine($"{fetched.Count} updates fetched before the stop");
        (await ProcessedAsync(host.Database, fetched)).Should().Be(fetched.Count, "the stopping host finishes every update it fetched before it lets go");

        var all = await stream;
        host.StartApp();
        await WaitUntilAsync(async () => await ProcessedAsync(host.Database, all) == all.Count);

        await AssertEveryChatLikeTheControlAsync(host, control, 9700, all);
    }

    [Fact]
    public async Task While_the_database_is_down_polled_updates_wait_and_none_is_lost_or_handled_twice()
    {
        if (!PostgresServer.IsAvailable)
        {
            return; // The outage is staged by cutting a TCP relay in front of PostgreSQL.
        }

        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpProxy(direct.Host!, direct.Port);
        await using var host = await BotHost.StartOnAsync(database, new Dictionary<string, string?>
        {
            ["Notifications:DispatcherEnabled"] = "false",
            ["ConnectionStrings:Lounge"] = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = proxy.Port, Timeout = 3 }.ConnectionString,
        });
        var control = await ControlAsync(host);
        host.Telegram.SendDelay = TimeSpan.FromMilliseconds(5);

        var pushed = new System.Collections.Concurrent.ConcurrentQueue<long>();
        var stream = StreamAsync(host.Telegram, 9800, pushed);
        await WaitUntilAsync(() => HandedOut(host.Telegram, pushed).Count >= Chats);
        proxy.Cut();
        var all = await stream;
        await Task.Delay(TimeSpan.FromSeconds(3)); // the guests keep writing into the outage; the bot keeps trying
        output.WriteLine($"{HandedOut(host.Telegram, pushed).Count} of {all.Count} updates fetched when the database came back");
        proxy.Restore();
        await WaitUntilAsync(async () => await ProcessedAsync(host.Database, all) == all.Count, TimeSpan.FromSeconds(90));

        await AssertEveryChatLikeTheControlAsync(host, control, 9800, all);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_backlog_is_fetched_window_by_window_and_not_read_again_for_every_handled_update(string provider)
    {
        await using var host = await BotHost.StartAsync(provider, new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        var control = await ControlAsync(host);
        var before = host.Telegram.UpdatesHandedOut;

        // Twice in a row: a backlog of guests' steps, chats interleaved, all waiting at once (a busy evening after a restart).
        for (var round = 0; round < 2; round++)
        {
            var firstChat = 9900 + (round * 100);
            var all = new List<long>();
            foreach (var step in Steps)
            {
                for (var chat = firstChat; chat < firstChat + Chats; chat++)
                {
                    all.Add(host.Telegram.Push(Step(host.Telegram, chat, step)));
                }
            }

            await WaitUntilAsync(async () => await ProcessedAsync(host.Database, all) == all.Count, TimeSpan.FromSeconds(90));
            await AssertEveryChatLikeTheControlAsync(host, control, firstChat, all);
        }

        // Each answer repeats what is still held, so some re-reading is the price of confirming only handled updates;
        // fetching again on every finished update re-read the whole window each time (about 20 times this).
        var handedOut = host.Telegram.UpdatesHandedOut - before;
        output.WriteLine($"{handedOut} updates handed out for {2 * Chats * Steps.Length}");
        handedOut.Should().BeLessThanOrEqualTo(4 * 2 * Chats * Steps.Length);
    }

    private static List<long> HandedOut(FakeTelegram telegram, IEnumerable<long> pushed, DateTimeOffset? before = null) =>
        [.. pushed.Where(id => telegram.HandedOutAt(id) is { } at && (before is null || at < before))];

    private static async Task<int> ProcessedAsync(TestDatabase database, IReadOnlyCollection<long> ids)
    {
        await using var db = database.CreateContext();
        return await db.ProcessedUpdates.AsNoTracking().CountAsync(u => ids.Contains(u.UpdateId));
    }

    /// <summary>One guest alone on a quiet host: what every guest of the stream should end up seeing.</summary>
    private static async Task<(string[] Methods, string State)> ControlAsync(BotHost host)
    {
        const long chat = 9699;
        foreach (var step in Steps)
        {
            host.Telegram.Push(Step(host.Telegram, chat, step));
        }

        await host.Telegram.WaitForAsync(all => all.Count(c => c.ChatId == chat) >= 4);
        await host.Telegram.SettleAsync();
        return ([.. host.Telegram.CallsTo(chat).Select(c => c.Method)], (await StateOfAsync(host.Database, chat))!);
    }

    private static async Task AssertEveryChatLikeTheControlAsync(BotHost host, (string[] Methods, string State) control, long firstChat, IReadOnlyCollection<long> ids)
    {
        await using (var db = host.Database.CreateContext())
        {
            (await db.ProcessedUpdates.CountAsync(u => ids.Contains(u.UpdateId))).Should().Be(Chats * Steps.Length, "every update is handled");
        }

        await host.Telegram.WaitForAsync(all => Enumerable.Range(0, Chats).All(i => all.Count(c => c.ChatId == firstChat + i) >= control.Methods.Length), TimeSpan.FromSeconds(30));
        await host.Telegram.SettleAsync();
        for (var chat = firstChat; chat < firstChat + Chats; chat++)
        {
            host.Telegram.CallsTo(chat).Select(c => c.Method).Should().Equal(control.Methods, $"chat {chat} saw its replies once and in order");
            (await StateOfAsync(host.Database, chat)).Should().Be(control.State, $"chat {chat} went through its steps in order");
        }
    }

    private static async Task<string?> StateOfAsync(TestDatabase database, long chat)
    {
        await using var db = database.CreateContext();
        return await db.ChatSessions.AsNoTracking().Where(s => s.ChatId == chat).Select(s => s.Conversation + "/" + s.State).SingleOrDefaultAsync();
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null) => WaitUntilAsync(() => Task.FromResult(condition()), timeout);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition was never met.");
            }

            await Task.Delay(20);
        }
    }
}
