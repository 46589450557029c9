using HookahLounge.Core.Data;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace HookahLounge.Bot.Tests;

/// <summary>
/// Every update the webhook acknowledged is handled exactly once, whatever happens to the host or the
/// database in between; each chat's steps keep their order.
/// </summary>
public sealed class WebhookDurabilityTests(ITestOutputHelper output)
{
    private const int Chats = 30;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Updates_acknowledged_before_a_graceful_stop_are_all_handled_once_after_the_restart(string provider)
    {
        await using var host = await BotHost.StartAsync(provider, WebhookGuests.Settings);
        host.Telegram.SendDelay = TimeSpan.FromMilliseconds(5);
        HttpClient? client = host.App!.CreateClient();
        var guests = new WebhookGuests(() => Volatile.Read(ref client), host.Telegram);
        var control = await ControlAsync(host.Database, host.Telegram, guests);

        var burst = Task.WhenAll(ChatIds(9300).Select(chat => guests.GuestAsync(chat)));
        await WaitUntilAsync(() => guests.Acknowledged.Count >= Chats + 3);
        Volatile.Write(ref client, null);
        await host.RestartAsync();
        Volatile.Write(ref client, host.App!.CreateClient());
        output.WriteLine($"restarted after {guests.Acknowledged.Count} acknowledged updates, {guests.Refused} refused meanwhile");
        await burst;
        await guests.WaitUntilHandledAsync(host.Database);

        await AssertEveryChatLikeTheControlAsync(host.Database, host.Telegram, guests, control, ChatIds(9300));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Updates_acknowledged_before_the_process_is_killed_are_all_handled_once_by_the_next_process(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var telegram = await FakeTelegram.StartAsync();
        telegram.SendDelay = TimeSpan.FromMilliseconds(5);
        SiteProcess? current = await SiteProcess.StartAsync(database, telegram, WebhookGuests.Settings);
        var outputs = new List<SiteProcess> { current };
        try
        {
            var guests = new WebhookGuests(() => Volatile.Read(ref current)?.Client, telegram);
            var control = await ControlAsync(database, telegram, guests);

            var burst = Task.WhenAll(ChatIds(9400).Select(chat => guests.GuestAsync(chat)));
            await WaitUntilAsync(() => guests.Acknowledged.Count >= Chats + 3);
            var killed = Volatile.Read(ref current)!;
            Volatile.Write(ref current, null);
            killed.Kill();
            var acknowledgedBeforeKill = guests.Acknowledged.Count;
            await killed.DisposeAsync();
            await using (var db = database.CreateContext())
            {
                output.WriteLine($"killed after {acknowledgedBeforeKill} acknowledged updates; {await db.BotInbox.CountAsync()} were still in the inbox");
            }

            var next = await SiteProcess.StartAsync(database, telegram, WebhookGuests.Settings);
            outputs.Add(next);
            Volatile.Write(ref current, next);
            await burst;
            await guests.WaitUntilHandledAsync(database);

            acknowledgedBeforeKill.Should().BeLessThan(guests.Acknowledged.Count, "the kill came in the middle of the burst");
            // A reply already on its way when the process died may be missing; nothing may be handled twice.
            await AssertEveryChatLikeTheControlAsync(database, telegram, guests, control, ChatIds(9400), repliesMayBeCutShort: true);
        }
        catch (Exception) when (outputs.Count > 0)
        {
            foreach (var (process, i) in outputs.Select((p, i) => (p, i)))
            {
                output.WriteLine($"--- app process {i + 1} ({process.Exit}), now {DateTime.Now:HH:mm:ss.fff}:\n{process.Output}");
            }

            throw;
        }
        finally
        {
            if (current is not null)
            {
                await current.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Updates_are_refused_while_the_database_is_down_and_none_acknowledged_is_lost()
    {
        if (!PostgresServer.IsAvailable)
        {
            return; // The outage is staged by cutting a TCP relay in front of PostgreSQL.
        }

        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpProxy(direct.Host!, direct.Port);
        var settings = WebhookGuests.Settings;
        settings["ConnectionStrings:Lounge"] = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = proxy.Port, Timeout = 3 }.ConnectionString;
        await using var host = await BotHost.StartOnAsync(database, settings);
        host.Telegram.SendDelay = TimeSpan.FromMilliseconds(5);
        var client = host.App!.CreateClient();
        var guests = new WebhookGuests(() => client, host.Telegram);
        var control = await ControlAsync(host.Database, host.Telegram, guests);

        var burst = Task.WhenAll(ChatIds(9500).Select(chat => guests.GuestAsync(chat)));
        await WaitUntilAsync(() => guests.Acknowledged.Count >= Chats + 3);
        proxy.Cut();
        var refusedBefore = guests.Refused;
        await WaitUntilAsync(() => guests.Refused >= refusedBefore + 5);
        proxy.Restore();
        output.WriteLine($"{guests.Refused - refusedBefore} deliveries refused during the outage");
        await burst;
        await guests.WaitUntilHandledAsync(host.Database);

        await AssertEveryChatLikeTheControlAsync(host.Database, host.Telegram, guests, control, ChatIds(9500));
    }

    private static long[] ChatIds(long first) => [.. Enumerable.Range(0, Chats).Select(i => first + i)];

    /// <summary>One guest alone on a quiet host: what every guest of the burst should end up seeing.</summary>
    private static async Task<(string[] Methods, string State)> ControlAsync(TestDatabase database, FakeTelegram telegram, WebhookGuests guests)
    {
        const long chat = 9299;
        await guests.GuestAsync(chat);
        await guests.WaitUntilHandledAsync(database);
        var calls = await telegram.WaitForAsync(all => all.Count(c => c.ChatId == chat) >= 4);
        await telegram.SettleAsync();
        return ([.. telegram.CallsTo(chat).Select(c => c.Method)], (await StateOfAsync(database, chat))!);
    }

    private static async Task AssertEveryChatLikeTheControlAsync(
        TestDatabase database, FakeTelegram telegram, WebhookGuests guests, (string[] Methods, string State) control, long[] chats, bool repliesMayBeCutShort = false)
    {
        guests.Acknowledged.Should().HaveCount((chats.Length + 1) * 3);
        await using (var db = database.CreateContext())
        {
            (await db.ProcessedUpdates.CountAsync()).Should().Be(guests.Acknowledged.Count, "each acknowledged update is handled, and only those");
        }

        if (!repliesMayBeCutShort)
        {
            await telegram.WaitForAsync(all => chats.All(chat => all.Count(c => c.ChatId == chat) >= control.Methods.Length), TimeSpan.FromSeconds(30));
        }

        await telegram.SettleAsync();
        foreach (var chat in chats)
        {
            var methods = telegram.CallsTo(chat).Select(c => c.Method).ToArray();
            if (repliesMayBeCutShort)
            {
                methods.Length.Should().BeLessThanOrEqualTo(control.Methods.Length, $"chat {chat} got nothing twice");
            }
            else
            {
                methods.Should().Equal(control.Methods, $"chat {chat} saw its replies once and in order");
            }

            (await StateOfAsync(database, chat)).Should().Be(control.State, $"chat {chat} went through its steps in order");
        }
    }

    private static async Task<string?> StateOfAsync(TestDatabase database, long chat)
    {
        await using var db = database.CreateContext();
        return await db.ChatSessions.AsNoTracking().Where(s => s.ChatId == chat).Select(s => s.Conversation + "/" + s.State).SingleOrDefaultAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition was never met.");
            }

            await Task.Delay(20);
        }
    }
}
