using HookahLounge.Bot.Replies;
using HookahLounge.Core.Broadcasts;
using HookahLounge.Core.Chats;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace HookahLounge.Bot.Tests;

/// <summary>The bot's send limit: guests are answered during a broadcast, and the shared budget costs nothing when off and loses nothing when the database is away.</summary>
public sealed class SendLimitTests(ITestOutputHelper output)
{
    private const long FirstSubscriber = 720_000;
    private const long Guest = 730_001;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_guest_is_answered_during_a_long_broadcast_not_after_it(string provider)
    {
        // 5 messages a second for 50 subscribers: the broadcast lasts about 10 s.
        await using var host = await BotHost.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Telegram:MessagesPerSecond"] = "5",
            ["Notifications:DispatcherEnabled"] = "false",
            ["Broadcasts:BatchSize"] = "10",
        });
        const int subscribers = 50;
        const string promo = "Кальянная ночь: второй кальян в подарок";
        await using (var db = host.Database.CreateContext())
        {
            db.Customers.AddRange(Enumerable.Range(0, subscribers).Select(i => new Customer
            {
                TelegramUserId = FirstSubscriber + i, TelegramChatId = FirstSubscriber + i, Name = $"Гость {i}", PromoOptIn = true,
                CreatedAtUtc = DateTime.UtcNow, AgeConfirmedAtUtc = DateTime.UtcNow,
            }));
            await db.SaveChangesAsync();
        }

        var broadcastId = await StartBroadcastAsync(host, promo);
        var sending = Task.Run(async () =>
        {
            await using var scope = host.App!.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BroadcastSender>().RunDueAsync(CancellationToken.None);
        });
        await host.Telegram.WaitForAsync(calls => calls.Count(c => c.Text == promo) >= 3, because: "the broadcast never started");

        // The same guest twice: /start (the age question the first time), the main menu, the contacts.
        for (var round = 1; round <= 2; round++)
        {
            if (round == 1)
            {
                await host.PassAgeGateAsync(Guest);
            }
            else
            {
                (await host.SayAsync(Guest, "/start")).Single().ButtonData.Should().Contain("home:contacts");
            }

            var contacts = await host.SendAsync(Guest, Updates.Button(host.Telegram.NextUpdateId(), Guest, "home:contacts", messageId: 2), expectedCalls: 2);
            contacts.Should().ContainSingle(c => c.Method == "sendvenue");
        }

        await sending;
        await host.Telegram.SettleAsync();
        var calls = host.Telegram.Calls;
        var promos = calls.Where(c => c.Text == promo).ToList();
        var answers = calls.Where(c => c.ChatId == Guest).ToList();
        output.WriteLine($"broadcast {promos[0].At:HH:mm:ss.fff}–{promos[^1].At:HH:mm:ss.fff}, guest answered {answers[0].At:HH:mm:ss.fff}–{answers[^1].At:HH:mm:ss.fff}");

        answers.Should().HaveCount(8, "every step of both journeys was answered");
        var lastPromo = promos[^1].Sequence;
        answers.Should().OnlyContain(c => c.Sequence < lastPromo, "the guest's replies go ahead of the broadcast, not after it");
        promos.Should().HaveCount(subscribers).And.OnlyHaveUniqueItems(c => c.ChatId);
        await using (var db = host.Database.CreateContext())
        {
            (await db.Broadcasts.SingleAsync(b => b.Id == broadcastId)).Status.Should().Be(BroadcastStatus.Completed);
            (await db.BroadcastDeliveries.Where(d => d.BroadcastId == broadcastId).ToListAsync()).Should().HaveCount(subscribers).And.OnlyContain(d => d.State == DeliveryState.Sent);
        }
    }

    [Fact]
    public async Task A_reply_that_comes_after_a_waiting_broadcast_message_still_goes_first()
    {
        // 5 a second: a burst of 1 and the reserve of 1; the clock only moves when the test moves it.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var logging = LoggerFactory.Create(_ => { });
        using var gate = new TelegramSendGate(Options.Create(new BotOptions { MessagesPerSecond = 5 }), new LocalSendBudget(clock), clock, logging.CreateLogger<TelegramSendGate>());
        await gate.WaitAsync(CancellationToken.None);
        await gate.WaitAsync(CancellationToken.None);

        var broadcast = gate.WaitBulkAsync(CancellationToken.None).AsTask();
        var reply = gate.WaitAsync(CancellationToken.None).AsTask();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!reply.IsCompleted && !broadcast.IsCompleted)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the gate never handed out the refilled tokens");
            clock.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(5);
        }

        reply.IsCompleted.Should().BeTrue("the reply waited for less time but is served first");
        broadcast.IsCompleted.Should().BeFalse("the broadcast leaves the first refilled token for the reply");
        while (!broadcast.IsCompleted)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the broadcast never got its turn");
            clock.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(5);
        }
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("5", true)]
    public async Task Without_a_limit_sending_never_touches_the_shared_budget(string messagesPerSecond, bool touched)
    {
        if (!PostgresServer.IsAvailable)
        {
            return;
        }

        await using var host = await BotHost.StartAsync(nameof(DatabaseProvider.Postgres), new Dictionary<string, string?>
        {
            ["Telegram:MessagesPerSecond"] = messagesPerSecond,
            ["Notifications:DispatcherEnabled"] = "false",
        });
        var seeded = await BudgetRowAsync(host.Database);

        await host.PassAgeGateAsync(Guest);
        await host.SendAsync(Guest, Updates.Button(host.Telegram.NextUpdateId(), Guest, "home:contacts", messageId: 2), expectedCalls: 2);

        var after = await BudgetRowAsync(host.Database);
        (after.RefilledAtUtc != seeded.RefilledAtUtc).Should().Be(touched, "only a host with a limit pays from the shared budget, and then for every message");
    }

    [Fact]
    public async Task Messages_wait_out_a_database_outage_for_their_tokens_and_it_is_logged_once()
    {
        if (!PostgresServer.IsAvailable)
        {
            return; // The outage is staged by cutting a TCP relay in front of PostgreSQL.
        }

        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using (await database.CreateMigratedContextAsync())
        {
        }

        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpProxy(direct.Host!, direct.Port);
        await using var budget = new PostgresSendBudget(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = proxy.Port }.ConnectionString);
        var logs = new LogCapture();
        using var logging = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        using var gate = new TelegramSendGate(Options.Create(new BotOptions { MessagesPerSecond = 20 }), budget, TimeProvider.System, logging.CreateLogger<TelegramSendGate>());
        await gate.WaitAsync(CancellationToken.None);

        proxy.Cut();
        var held = Enumerable.Range(0, 5).Select(i => (i % 2 == 0 ? gate.WaitAsync(CancellationToken.None) : gate.WaitBulkAsync(CancellationToken.None)).AsTask()).ToList();
        await WaitUntilAsync(() => logs.Lines.Any(l => l.Contains("cannot be reached", StringComparison.Ordinal)));

        // Several retries' worth of outage: the senders keep waiting, nobody is failed or let through without a token.
        await Task.Delay(TimeSpan.FromSeconds(2));
        held.Should().OnlyContain(t => !t.IsCompleted);

        proxy.Restore();
        await Task.WhenAll(held).WaitAsync(TimeSpan.FromSeconds(30));
        logs.Lines.Count(l => l.Contains("cannot be reached", StringComparison.Ordinal)).Should().Be(1, "an outage is logged once, not per message or per retry");
        logs.Lines.Should().ContainSingle(l => l.Contains("reachable again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_seen_by_one_host_holds_the_sends_of_another()
    {
        if (!PostgresServer.IsAvailable)
        {
            return;
        }

        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using (await database.CreateMigratedContextAsync())
        {
        }

        using var logging = LoggerFactory.Create(_ => { });
        var options = Options.Create(new BotOptions { MessagesPerSecond = 20 });
        await using var firstBudget = new PostgresSendBudget(database.ConnectionString);
        await using var secondBudget = new PostgresSendBudget(database.ConnectionString);
        using var first = new TelegramSendGate(options, firstBudget, TimeProvider.System, logging.CreateLogger<TelegramSendGate>());
        using var second = new TelegramSendGate(options, secondBudget, TimeProvider.System, logging.CreateLogger<TelegramSendGate>());
        await second.WaitAsync(CancellationToken.None);

        first.PauseFor(TimeSpan.FromSeconds(30));
        await WaitUntilAsync(async () => (await BudgetRowAsync(database)).PausedUntilUtc is not null);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var held = async () => await second.WaitAsync(patience.Token);
        await held.Should().ThrowAsync<OperationCanceledException>("the bucket has tokens, but Telegram told the other host to wait");
    }

    private static async Task<int> StartBroadcastAsync(BotHost host, string text)
    {
        await using var scope = host.App!.Services.CreateAsyncScope();
        var broadcasts = scope.ServiceProvider.GetRequiredService<BroadcastService>();
        var (broadcast, errors) = await broadcasts.SaveAsync(null, new BroadcastInput { Title = "Ночь", Text = text, Audience = new AudienceFilter() }, "manager");
        errors.Should().BeEmpty();
        (await broadcasts.ScheduleAsync(broadcast!.Id, null)).Should().BeNull();
        return broadcast.Id;
    }

    private static async Task<SendBudgetState> BudgetRowAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.SendBudget.AsNoTracking().SingleAsync();
    }

    private static Task WaitUntilAsync(Func<bool> done) => WaitUntilAsync(() => Task.FromResult(done()));

    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            DateTime.UtcNow.Should().BeBefore(deadline);
            await Task.Delay(25);
        }
    }
}
