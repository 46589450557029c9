using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Notifications;
using HookahLounge.Core.Orders;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.Notifications;

/// <summary>The outbox end to end: real database, real dispatcher, fake Telegram and SMSC over HTTP.</summary>
public sealed class OutboxDeliveryTests
{
    private static Task QueueAsync(NotificationHost host, Customer guest, int count, string prefix) => host.WithServicesAsync(async services =>
    {
        var notifier = services.GetRequiredService<Notifier>();
        for (var i = 0; i < count; i++)
        {
            var n = i;
            await notifier.ToGuestAsync(guest, null, $"{prefix}:{n}", _ => $"{prefix} message {n}");
        }

        await services.GetRequiredService<LoungeDbContext>().SaveChangesAsync();
        return true;
    });

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_notification_is_written_only_when_its_change_commits(string provider)
    {
        await using var host = await NotificationHost.StartAsync(provider, new() { ["Notifications:DispatcherEnabled"] = "false" });
        var guest = await host.AddGuestAsync(telegramChatId: 5001);
        var order = await host.PlaceOrderAsync(guest.Id);
        var before = (await host.OutboxAsync()).Count;

        await host.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<LoungeDbContext>();
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                (await services.GetRequiredService<OrderService>().ChangeStatusAsync(order.Id, OrderAction.Accept, Actor.System)).Succeeded.Should().BeTrue();
                await transaction.RollbackAsync();
                return true;
            });
        });

        (await host.OutboxAsync()).Should().HaveCount(before, "the change was rolled back, so nothing may be told");
        await using (var db = host.Database.CreateContext())
        {
            (await db.Orders.SingleAsync()).Status.Should().Be(OrderStatus.New);
        }

        await host.WithServicesAsync(services => services.GetRequiredService<OrderService>().ChangeStatusAsync(order.Id, OrderAction.Accept, Actor.System));
        (await host.OutboxAsync()).Should().ContainSingle(m => m.Key == $"order:{order.Id}:Accepted");
    }

    [Fact]
    public async Task Status_changes_reach_the_guest_in_their_language_exactly_once()
    {
        await using var host = await NotificationHost.StartAsync();
        var guest = await host.AddGuestAsync(telegramChatId: 5002, language: "en");
        var order = await host.PlaceOrderAsync(guest.Id);

        await host.WithServicesAsync(services => services.GetRequiredService<OrderService>().ChangeStatusAsync(order.Id, OrderAction.Accept, Actor.System));
        await host.WithServicesAsync(services => services.GetRequiredService<OrderService>().ChangeStatusAsync(order.Id, OrderAction.Accept, Actor.System));

        await host.Telegram.WaitForAsync(calls => calls.Any(c => c.ChatId == 5002 && c.Text!.Contains("has been accepted")));
        await host.Telegram.SettleAsync();
        var calls = host.Telegram.CallsTo(5002);
        calls.Should().ContainSingle(c => c.Method == "sendmessage" && c.Text!.StartsWith($"🧾 Order #{order.Id} received", StringComparison.Ordinal));
        calls.Should().ContainSingle(c => c.Method == "editmessagetext" && c.Text!.StartsWith($"✅ Order #{order.Id} has been accepted.", StringComparison.Ordinal),
            "the order's card is edited to its new status, once");
    }

    [Fact]
    public async Task Stopping_a_host_mid_dispatch_and_starting_again_delivers_everything_once()
    {
        await using var host = await NotificationHost.StartAsync();
        var guest = await host.AddGuestAsync(telegramChatId: 5003);
        host.Telegram.SendDelay = TimeSpan.FromMilliseconds(60);
        await QueueAsync(host, guest, 30, "restart");

        await host.Telegram.WaitForAsync(calls => calls.Count(c => c.ChatId == 5003) >= 8);
        await host.App.DisposeAsync();
        var deliveredBeforeRestart = host.Telegram.CallsTo(5003).Count;
        deliveredBeforeRestart.Should().BeLessThan(30, "the host was stopped in the middle of the queue");

        host.StartApp();
        await host.Telegram.WaitForAsync(calls => calls.Count(c => c.ChatId == 5003) >= 30, TimeSpan.FromSeconds(40));
        await host.Telegram.SettleAsync();

        host.Telegram.CallsTo(5003).Select(c => c.Text).Should().OnlyHaveUniqueItems().And.HaveCount(30);
        (await host.OutboxAsync()).Should().OnlyContain(m => m.Status == OutboxStatus.Sent);
    }

    [Fact]
    public async Task Two_dispatchers_on_one_postgresql_never_send_a_message_twice()
    {
        if (!PostgresServer.IsAvailable)
        {
            return; // Several dispatchers need a shared server database; SQLite runs one process.
        }

        await using var host = await NotificationHost.StartAsync("Postgres", start: false);
        host.StartApp();
        host.StartApp();
        var guest = await host.AddGuestAsync(telegramChatId: 5004);
        host.Telegram.SendDelay = TimeSpan.FromMilliseconds(10);

        await QueueAsync(host, guest, 60, "pair");

        await host.Telegram.WaitForAsync(calls => calls.Count(c => c.ChatId == 5004) >= 60, TimeSpan.FromSeconds(40));
        await host.Telegram.SettleAsync();
        host.Telegram.CallsTo(5004).Select(c => c.Text).Should().OnlyHaveUniqueItems().And.HaveCount(60);
    }

    [Fact]
    public async Task A_short_flood_wait_is_honoured_before_the_retry()
    {
        await using var host = await NotificationHost.StartAsync();
        var guest = await host.AddGuestAsync(telegramChatId: 5005);
        host.Telegram.Fail("sendmessage", 429, "Too Many Requests: retry after 1", retryAfter: 1);

        await QueueAsync(host, guest, 1, "flood");

        var calls = await host.Telegram.WaitForAsync(all => all.Count(c => c.ChatId == 5005) >= 2);
        var attempts = calls.Where(c => c.ChatId == 5005).ToList();
        (attempts[1].At - attempts[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.95));
        await host.WaitForOutboxAsync(rows => rows.Single().Status == OutboxStatus.Sent);
    }

    [Fact]
    public async Task A_long_flood_wait_reschedules_the_message_for_after_it()
    {
        await using var host = await NotificationHost.StartAsync();
        var guest = await host.AddGuestAsync(telegramChatId: 5006);
        host.Telegram.Fail("sendmessage", 429, "Too Many Requests: retry after 120", retryAfter: 120);

        await QueueAsync(host, guest, 1, "long-flood");

        var row = (await host.WaitForOutboxAsync(rows => rows.Single().Attempts == 1)).Single();
        row.Status.Should().Be(OutboxStatus.Pending);
        (row.NextAttemptAtUtc - DateTime.UtcNow).Should().BeCloseTo(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(10));
        await host.Telegram.SettleAsync();
        host.Telegram.CallsTo(5006).Should().HaveCount(1, "nothing is sent again before retry_after has passed");
    }

    [Theory]
    [InlineData(403, "Forbidden: bot was blocked by the user")]
    [InlineData(403, "Forbidden: user is deactivated")]
    [InlineData(400, "Bad Request: chat not found")]
    public async Task A_guest_unreachable_on_telegram_gets_the_message_by_sms(int status, string description)
    {
        await using var host = await NotificationHost.StartAsync();
        var guest = await host.AddGuestAsync(telegramChatId: 5007, phone: "+79161234567");
        host.Telegram.Fail("sendmessage", status, description);

        await host.WithServicesAsync(async services =>
        {
            await services.GetRequiredService<Notifier>().ToGuestAsync(guest, null, "fallback:1", _ => "Бронь <b>A1B2</b> подтверждена");
            return await services.GetRequiredService<LoungeDbContext>().SaveChangesAsync();
        });

        var rows = await host.WaitForOutboxAsync(all => all.Any(m => m.Channel == NotificationChannel.Sms && m.Status == OutboxStatus.Sent));
        rows.Single(m => m.Key == "fallback:1").Status.Should().Be(OutboxStatus.Failed);
        var sms = host.Smsc.Delivered.Single();
        sms.Phones.Should().Be("+79161234567");
        sms.Message.Should().Be("Бронь A1B2 подтверждена", "SMS carries the words without Telegram's markup");
        sms.Login.Should().Be("lounge");
        sms.Format.Should().Be("3");
        sms.Charset.Should().Be("utf-8");
        await using var db = host.Database.CreateContext();
        (await db.Customers.SingleAsync(c => c.Id == guest.Id)).TelegramUnreachable.Should().BeTrue();

        // Later news goes straight to SMS.
        await host.WithServicesAsync(async services =>
        {
            await services.GetRequiredService<Notifier>().ToGuestAsync(await services.GetRequiredService<LoungeDbContext>().Customers.FindAsync(guest.Id), null, "after:1", _ => "Ждём вас");
            return await services.GetRequiredService<LoungeDbContext>().SaveChangesAsync();
        });
        (await host.OutboxAsync()).Single(m => m.Key == "after:1").Channel.Should().Be(NotificationChannel.Sms);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task Permanent_smsc_errors_are_not_retried(int code)
    {
        await using var host = await NotificationHost.StartAsync();
        var guest = await host.AddGuestAsync(telegramChatId: null, phone: "+79161230000");
        host.Smsc.FailWith(code);

        await QueueAsync(host, guest, 1, $"sms-{code}");

        var row = (await host.WaitForOutboxAsync(rows => rows.Single().Status != OutboxStatus.Pending)).Single();
        row.Status.Should().Be(OutboxStatus.Failed);
        row.LastError.Should().StartWith("SMSC:");
        await Task.Delay(1500);
        host.Smsc.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task An_smsc_ip_block_is_retried_later_and_a_duplicate_counts_as_sent()
    {
        await using var host = await NotificationHost.StartAsync();
        var guest = await host.AddGuestAsync(telegramChatId: null, phone: "+79161230001");
        host.Smsc.FailWith(4, 9);

        await QueueAsync(host, guest, 1, "ipblock");

        var afterBlock = (await host.WaitForOutboxAsync(rows => rows.Single().Attempts == 1)).Single();
        afterBlock.Status.Should().Be(OutboxStatus.Pending);
        (afterBlock.NextAttemptAtUtc - DateTime.UtcNow).Should().BeGreaterThan(TimeSpan.FromMinutes(4));

        // Pretend the pause is over: the duplicate answer means SMSC already has it.
        await using (var db = host.Database.CreateContext())
        {
            await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, DateTime.UtcNow));
        }

        (await host.WaitForOutboxAsync(rows => rows.Single().Status != OutboxStatus.Pending)).Single().Status.Should().Be(OutboxStatus.Sent);
    }

    [Fact]
    public async Task Without_smsc_credentials_sms_is_recorded_as_skipped_not_sent()
    {
        await using var host = await NotificationHost.StartAsync(smsConfigured: false);
        var guest = await host.AddGuestAsync(telegramChatId: null, phone: "+79161230002");

        await QueueAsync(host, guest, 1, "nosms");

        var row = (await host.WaitForOutboxAsync(rows => rows.Single().Status != OutboxStatus.Pending)).Single();
        row.Status.Should().Be(OutboxStatus.Skipped);
        row.LastError.Should().Contain("not configured");
        host.Smsc.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("2026-11-27 18:00")]
    [InlineData("2026-11-28 01:30")] // after midnight, still Friday's business day
    [InlineData("2026-11-28 05:59")] // one minute before the cut-off
    public async Task The_daily_sms_limit_stops_sending_for_the_day(string moscowNow)
    {
        var now = DateTime.Parse(moscowNow, System.Globalization.CultureInfo.InvariantCulture);
        await using var host = await NotificationHost.StartAsync(settings: new() { ["Sms:DailyLimit"] = "2" }, moscowNow: now);
        var guest = await host.AddGuestAsync(telegramChatId: null, phone: "+79161230003");

        await QueueAsync(host, guest, 3, "cap");

        var rows = await host.WaitForOutboxAsync(all => all.All(m => m.Status != OutboxStatus.Pending));
        rows.Count(m => m.Status == OutboxStatus.Sent).Should().Be(2);
        rows.Single(m => m.Status == OutboxStatus.Skipped).LastError.Should().Contain("daily SMS limit");
        host.Smsc.Delivered.Should().HaveCount(2);
    }

    [Fact]
    public async Task Sms_that_anonymous_visitors_trigger_cannot_spend_the_reserve_kept_for_reminders()
    {
        await using var host = await NotificationHost.StartAsync(
            settings: new() { ["Sms:DailyLimit"] = "3", ["Sms:ReservedForTransactional"] = "2" }, moscowNow: new DateTime(2026, 11, 28, 1, 30, 0));
        await host.WithServicesAsync(async services =>
        {
            var notifier = services.GetRequiredService<Notifier>();
            await notifier.ToGuestAsync(null, "+79161230021", "code:1", _ => "Код 111111", NotificationKind.PublicRequest);
            await notifier.ToGuestAsync(null, "+79161230022", "code:2", _ => "Код 222222", NotificationKind.PublicRequest);
            return await services.GetRequiredService<LoungeDbContext>().SaveChangesAsync();
        });
        await host.WaitForOutboxAsync(all => all.All(m => m.Status != OutboxStatus.Pending));
        await host.WithServicesAsync(async services =>
        {
            var notifier = services.GetRequiredService<Notifier>();
            await notifier.ToGuestAsync(null, "+79161230023", "reminder:1", _ => "Напоминание о брони");
            await notifier.ToGuestAsync(null, "+79161230024", "reminder:2", _ => "Напоминание о брони");
            return await services.GetRequiredService<LoungeDbContext>().SaveChangesAsync();
        });

        var rows = await host.WaitForOutboxAsync(all => all.Count == 4 && all.All(m => m.Status != OutboxStatus.Pending));
        rows.Single(m => m.Key == "code:1").Status.Should().Be(OutboxStatus.Sent);
        rows.Single(m => m.Key == "code:2").Status.Should().Be(OutboxStatus.Skipped);
        rows.Single(m => m.Key == "code:2").LastError.Should().Contain("reserve");
        rows.Where(m => m.Key.StartsWith("reminder:", StringComparison.Ordinal)).Should().OnlyContain(m => m.Status == OutboxStatus.Sent);
    }

    [Fact]
    public async Task The_daily_sms_limit_starts_afresh_at_the_business_day_cut_off()
    {
        await using var host = await NotificationHost.StartAsync(settings: new() { ["Sms:DailyLimit"] = "2" }, moscowNow: new DateTime(2026, 11, 28, 5, 0, 0));
        var guest = await host.AddGuestAsync(telegramChatId: null, phone: "+79161230013");
        await QueueAsync(host, guest, 2, "night");
        await host.WaitForOutboxAsync(all => all.All(m => m.Status == OutboxStatus.Sent));

        host.Clock!.Advance(TimeSpan.FromHours(1)); // 06:00: Saturday's business day begins
        await QueueAsync(host, guest, 1, "morning");

        var rows = await host.WaitForOutboxAsync(all => all.All(m => m.Status != OutboxStatus.Pending));
        rows.Should().OnlyContain(m => m.Status == OutboxStatus.Sent);
        host.Smsc.Delivered.Should().HaveCount(3);
    }

    [Theory]
    [InlineData("2026-11-28 01:30")]
    [InlineData("2026-11-28 05:59")]
    [InlineData("2026-11-28 23:30")]
    public async Task Promo_sms_waits_out_the_quiet_hours_while_transactional_sms_goes_out(string moscowNow)
    {
        var now = DateTime.Parse(moscowNow, System.Globalization.CultureInfo.InvariantCulture);
        var start = now.TimeOfDay - TimeSpan.FromHours(1);
        var end = now.TimeOfDay + TimeSpan.FromHours(1);
        string Clock(TimeSpan t) => TimeSpan.FromMinutes(((int)t.TotalMinutes % 1440 + 1440) % 1440).ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture);
        await using var host = await NotificationHost.StartAsync(settings: new() { ["Sms:QuietHoursStart"] = Clock(start), ["Sms:QuietHoursEnd"] = Clock(end) }, moscowNow: now);
        var guest = await host.AddGuestAsync(telegramChatId: null, phone: "+79161230004");

        await host.WithServicesAsync(async services =>
        {
            var notifier = services.GetRequiredService<Notifier>();
            await notifier.ToGuestAsync(guest, null, "promo:1", _ => "DJ-вечер в пятницу", NotificationKind.Promo);
            await notifier.ToGuestAsync(guest, null, "booking:1", _ => "Бронь подтверждена");
            return await services.GetRequiredService<LoungeDbContext>().SaveChangesAsync();
        });

        var rows = await host.WaitForOutboxAsync(all => all.Single(m => m.Key == "booking:1").Status == OutboxStatus.Sent
                                                          && all.Single(m => m.Key == "promo:1").NextAttemptAtUtc > host.UtcNow.AddMinutes(30));
        var promo = rows.Single(m => m.Key == "promo:1");
        promo.Status.Should().Be(OutboxStatus.Pending);
        promo.Attempts.Should().Be(0, "waiting for the morning is not a failed attempt");
        host.Smsc.Delivered.Select(r => r.Message).Should().Equal("Бронь подтверждена");
    }

    [Fact]
    public async Task A_guest_with_no_channel_is_recorded_as_skipped()
    {
        await using var host = await NotificationHost.StartAsync();
        var guest = await host.AddGuestAsync(telegramChatId: null, phone: null);

        await QueueAsync(host, guest, 1, "nobody");

        var row = (await host.OutboxAsync()).Single();
        row.Status.Should().Be(OutboxStatus.Skipped);
        row.LastError.Should().Contain("neither");
    }
}
