using HookahLounge.Core.Broadcasts;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Notifications;
using HookahLounge.Core.Tests.Notifications;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.Broadcasts;

/// <summary>Broadcast delivery end to end: real database, the real sender, the bot's Telegram client against the fake Bot API.</summary>
public sealed class BroadcastDeliveryTests
{
    private static readonly Dictionary<string, string?> Quick = new()
    {
        ["Notifications:DispatcherEnabled"] = "false",
        ["Broadcasts:BatchSize"] = "5",
        ["Telegram:MessagesPerSecond"] = "200",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_subscriber_gets_the_promo_once_with_an_unsubscribe_button_and_opted_out_guests_get_nothing(string provider)
    {
        await using var host = await NotificationHost.StartAsync(provider, Quick);
        var subscribers = await host.AddSubscribersAsync(12);
        var optedOut = (await host.AddSubscribersAsync(1, offset: 100)).Single();
        var blocked = (await host.AddSubscribersAsync(1, offset: 200)).Single();
        await host.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<LoungeDbContext>();
            await db.Customers.Where(c => c.Id == optedOut.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.PromoOptIn, false));
            await db.Customers.Where(c => c.Id == blocked.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.TelegramUnreachable, true));
            return true;
        });

        for (var round = 1; round <= 2; round++)
        {
            var marker = $"Пятница #{round}";
            var broadcast = await host.ComposeAsync($"<b>{marker}</b>: кальян за полцены");
            (await host.SendNowAsync(broadcast.Id)).Should().BeNull();
            await host.RunDueAsync();

            (await host.BroadcastAsync(broadcast.Id)).Status.Should().Be(BroadcastStatus.Completed);
            var received = host.Telegram.Received(marker);
            received.Keys.Should().BeEquivalentTo(subscribers.Select(c => c.TelegramChatId!.Value));
            received.Values.Should().OnlyContain(n => n == 1, "nobody gets a promo twice");
            var message = host.Telegram.Calls.First(c => c.Method == "sendmessage" && c.Text!.Contains(marker));
            message.ButtonData.Should().Contain($"news:stop:{broadcast.Id}");
            message.Body["parse_mode"]!.ToString().Should().BeEquivalentTo("html");
            (await host.DeliveriesAsync(broadcast.Id)).Should().HaveCount(12).And.OnlyContain(d => d.State == DeliveryState.Sent);
        }
    }

    [Fact]
    public async Task A_guest_who_opts_out_after_the_start_is_skipped_at_their_turn()
    {
        await using var host = await NotificationHost.StartAsync(settings: Quick);
        var guests = await host.AddSubscribersAsync(6);
        var broadcast = await host.ComposeAsync("Новость дня");
        await host.SendNowAsync(broadcast.Id);

        // The broadcast has started: its recipients are fixed (as the sender does at the start), nothing sent yet.
        await host.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<LoungeDbContext>();
            await db.Broadcasts.Where(b => b.Id == broadcast.Id).ExecuteUpdateAsync(u => u
                .SetProperty(b => b.Status, BroadcastStatus.Sending).SetProperty(b => b.StartedAtUtc, host.UtcNow).SetProperty(b => b.Recipients, 6));
            db.BroadcastDeliveries.AddRange(guests.Select(g => new BroadcastDelivery { BroadcastId = broadcast.Id, CustomerId = g.Id }));
            await db.SaveChangesAsync();
            return true;
        });
        var lastId = guests[^1].Id;
        await host.WithServicesAsync(async s =>
        {
            var consent = s.GetRequiredService<PromoConsent>();
            var db = s.GetRequiredService<LoungeDbContext>();
            var last = await db.Customers.SingleAsync(c => c.Id == lastId);
            consent.SetTelegram(last, false, ConsentSource.BotStopCommand).Should().BeTrue();
            await db.SaveChangesAsync();
            return true;
        });

        await host.RunDueAsync();
        var deliveries = await host.DeliveriesAsync(broadcast.Id);
        deliveries.Should().HaveCount(6);
        deliveries.Single(d => d.CustomerId == lastId).State.Should().Be(DeliveryState.Skipped, "consent is checked again at the guest's turn");
        deliveries.Count(d => d.State == DeliveryState.Sent).Should().Be(5);
        host.Telegram.Received("Новость дня").Should().HaveCount(5).And.NotContainKey(guests[^1].TelegramChatId!.Value);
    }

    [Fact]
    public async Task Telegram_429_pauses_the_whole_broadcast_and_nothing_is_lost_or_doubled()
    {
        await using var host = await NotificationHost.StartAsync(settings: Quick);
        var guests = await host.AddSubscribersAsync(10);
        var broadcast = await host.ComposeAsync("Скидка 429");
        await host.SendNowAsync(broadcast.Id);
        host.Telegram.Fail("sendmessage", 429, "Too Many Requests: retry after 1", retryAfter: 1);

        await host.RunDueAsync();

        var received = host.Telegram.Received("Скидка 429");
        var rejected = host.Telegram.Calls.First(c => c.Method == "sendmessage");
        received.Should().HaveCount(10);
        received.Where(kv => kv.Key != rejected.ChatId).Should().OnlyContain(kv => kv.Value == 1, "the fake records the refused call too; everyone else got exactly one");
        var retried = host.Telegram.Calls.Where(c => c.Method == "sendmessage" && c.ChatId == rejected.ChatId).ToList();
        retried.Should().HaveCount(2, "the refused message is sent again after the pause");
        (retried[1].At - retried[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9), "the broadcast waits for retry_after");
        (await host.BroadcastAsync(broadcast.Id)).LastError.Should().Contain("429");
        (await host.DeliveriesAsync(broadcast.Id)).Should().OnlyContain(d => d.State == DeliveryState.Sent);
    }

    [Fact]
    public async Task A_guest_who_blocked_the_bot_is_marked_unreachable_and_left_out_of_later_broadcasts()
    {
        await using var host = await NotificationHost.StartAsync(settings: Quick);
        var guests = await host.AddSubscribersAsync(4);
        var first = await host.ComposeAsync("Первая 403");
        await host.SendNowAsync(first.Id);
        host.Telegram.Fail("sendmessage", 403, "Forbidden: bot was blocked by the user");

        await host.RunDueAsync();

        var deliveries = await host.DeliveriesAsync(first.Id);
        deliveries.Should().ContainSingle(d => d.State == DeliveryState.Blocked).Which.CustomerId.Should().Be(guests[0].Id);
        deliveries.Count(d => d.State == DeliveryState.Sent).Should().Be(3);
        await using (var db = host.Database.CreateContext())
        {
            (await db.Customers.SingleAsync(c => c.Id == guests[0].Id)).TelegramUnreachable.Should().BeTrue();
        }

        var second = await host.ComposeAsync("Вторая 403");
        await host.SendNowAsync(second.Id);
        await host.RunDueAsync();
        (await host.DeliveriesAsync(second.Id)).Select(d => d.CustomerId).Should().BeEquivalentTo(guests.Skip(1).Select(g => g.Id));
        host.Telegram.CallsTo(guests[0].TelegramChatId!.Value).Should().HaveCount(1, "only the refused first attempt ever went to them");
    }

    [Fact]
    public async Task Pause_stops_sending_resume_finishes_without_repeats_and_cancel_leaves_the_rest_unsent()
    {
        await using var host = await NotificationHost.StartAsync(settings: new(Quick) { ["Telegram:MessagesPerSecond"] = "20" });
        await host.AddSubscribersAsync(40);
        var broadcast = await host.ComposeAsync("Пауза и продолжение");
        await host.SendNowAsync(broadcast.Id);

        var running = host.RunDueAsync();
        await BroadcastScenario.WaitUntilAsync(() => Task.FromResult(host.Telegram.Received("Пауза и продолжение").Count >= 5), "sending never started");
        (await host.WithServicesAsync(s => s.GetRequiredService<BroadcastService>().PauseAsync(broadcast.Id))).Should().BeNull();
        await running;
        await host.Telegram.SettleAsync();
        var atPause = host.Telegram.Received("Пауза и продолжение").Count;
        atPause.Should().BeLessThan(40);
        (await host.BroadcastAsync(broadcast.Id)).Status.Should().Be(BroadcastStatus.Paused);

        await host.RunDueAsync();
        host.Telegram.Received("Пауза и продолжение").Count.Should().Be(atPause, "a paused broadcast is not sent by the scheduler");

        (await host.WithServicesAsync(s => s.GetRequiredService<BroadcastService>().ResumeAsync(broadcast.Id))).Should().BeNull();
        await host.RunDueAsync();
        var received = host.Telegram.Received("Пауза и продолжение");
        received.Should().HaveCount(40).And.OnlyContain(kv => kv.Value == 1);
        (await host.BroadcastAsync(broadcast.Id)).Status.Should().Be(BroadcastStatus.Completed);

        var cancelled = await host.ComposeAsync("Отменённая");
        await host.SendNowAsync(cancelled.Id);
        var again = host.RunDueAsync();
        await BroadcastScenario.WaitUntilAsync(() => Task.FromResult(host.Telegram.Received("Отменённая").Count >= 5), "sending never started");
        (await host.WithServicesAsync(s => s.GetRequiredService<BroadcastService>().CancelAsync(cancelled.Id))).Should().BeNull();
        await again;
        await host.RunDueAsync();
        await host.Telegram.SettleAsync();
        var sentBeforeCancel = host.Telegram.Received("Отменённая").Count;
        sentBeforeCancel.Should().BeLessThan(40);
        (await host.BroadcastAsync(cancelled.Id)).Status.Should().Be(BroadcastStatus.Cancelled);
        (await host.DeliveriesAsync(cancelled.Id)).Count(d => d.State == DeliveryState.Pending).Should().Be(40 - sentBeforeCancel);
    }

    [Fact]
    public async Task A_broadcast_scheduled_for_lounge_time_starts_exactly_then()
    {
        // 19:58 in Moscow (UTC+3) on the day of the test's choosing.
        await using var host = await NotificationHost.StartAsync(settings: Quick, moscowNow: new DateTime(2026, 12, 4, 19, 58, 0));
        await host.AddSubscribersAsync(3);
        var broadcast = await host.ComposeAsync("В восемь вечера");
        var service = (Func<IServiceProvider, BroadcastService>)(s => s.GetRequiredService<BroadcastService>());

        (await host.WithServicesAsync(s => service(s).ScheduleAsync(broadcast.Id, new DateTime(2026, 12, 4, 19, 0, 0))))
            .Should().Contain("прошло", "a time in the past is refused");
        (await host.BroadcastAsync(broadcast.Id)).Status.Should().Be(BroadcastStatus.Draft);

        (await host.WithServicesAsync(s => service(s).ScheduleAsync(broadcast.Id, new DateTime(2026, 12, 4, 20, 0, 0)))).Should().BeNull();
        (await host.BroadcastAsync(broadcast.Id)).ScheduledAtUtc.Should().Be(new DateTime(2026, 12, 4, 17, 0, 0, DateTimeKind.Utc));

        host.Clock!.SetUtcNow(new DateTimeOffset(2026, 12, 4, 16, 59, 59, TimeSpan.Zero));
        await host.RunDueAsync();
        host.Telegram.Received("В восемь вечера").Should().BeEmpty();
        (await host.BroadcastAsync(broadcast.Id)).Status.Should().Be(BroadcastStatus.Scheduled);

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.Zero));
        await host.RunDueAsync();
        host.Telegram.Received("В восемь вечера").Should().HaveCount(3);
        (await host.BroadcastAsync(broadcast.Id)).StartedAtUtc.Should().Be(new DateTime(2026, 12, 4, 17, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task A_broadcast_whose_promo_ended_during_downtime_is_not_sent_late()
    {
        await using var host = await NotificationHost.StartAsync(settings: Quick, moscowNow: new DateTime(2026, 12, 4, 18, 0, 0));
        await host.AddSubscribersAsync(3);
        var promoId = await host.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<LoungeDbContext>();
            var promo = new Promotions.Promotion { Title = "Счастливый час", Description = "до 19:00", EndsAtUtc = new DateTime(2026, 12, 4, 16, 0, 0, DateTimeKind.Utc), CreatedAtUtc = host.UtcNow };
            db.Promotions.Add(promo);
            await db.SaveChangesAsync();
            return promo.Id;
        });
        var broadcast = await host.ComposeAsync("Счастливый час начинается", promotionId: promoId);
        (await host.WithServicesAsync(s => s.GetRequiredService<BroadcastService>().ScheduleAsync(broadcast.Id, new DateTime(2026, 12, 4, 18, 30, 0)))).Should().BeNull();

        // The host was down from 18:20 until 19:30; the promo ended at 19:00.
        host.Clock!.SetUtcNow(new DateTimeOffset(2026, 12, 4, 16, 30, 0, TimeSpan.Zero));
        await host.RunDueAsync();

        (await host.BroadcastAsync(broadcast.Id)).Status.Should().Be(BroadcastStatus.Expired);
        host.Telegram.Received("Счастливый час").Should().BeEmpty();
        (await host.DeliveriesAsync(broadcast.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Phone_only_guests_get_a_promo_sms_only_with_the_marketing_consent()
    {
        await using var host = await NotificationHost.StartAsync(settings: Quick);
        var telegram = (await host.AddSubscribersAsync(1)).Single();
        var withConsent = await host.AddGuestAsync(telegramChatId: null, phone: "+79160000001");
        var without = await host.AddGuestAsync(telegramChatId: null, phone: "+79160000002");
        await host.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<LoungeDbContext>();
            var guest = await db.Customers.SingleAsync(c => c.Id == withConsent.Id);
            s.GetRequiredService<PromoConsent>().SetSms(guest, true, ConsentSource.SiteBookingForm);
            await db.SaveChangesAsync();
            return true;
        });

        var telegramOnly = await host.ComposeAsync("Только телеграм");
        await host.SendNowAsync(telegramOnly.Id);
        var both = await host.ComposeAsync("И по SMS тоже", new AudienceFilter { IncludeSms = true });
        await host.SendNowAsync(both.Id);
        await host.RunDueAsync();

        (await host.DeliveriesAsync(telegramOnly.Id)).Select(d => d.CustomerId).Should().Equal(telegram.Id);
        var deliveries = await host.DeliveriesAsync(both.Id);
        deliveries.Should().HaveCount(2);
        deliveries.Single(d => d.CustomerId == withConsent.Id).Channel.Should().Be(DeliveryChannel.Sms);
        deliveries.Single(d => d.CustomerId == telegram.Id).Channel.Should().Be(DeliveryChannel.Telegram);
        var outbox = await host.OutboxAsync();
        outbox.Should().ContainSingle(m => m.Channel == NotificationChannel.Sms)
            .Which.Should().Match<OutboxMessage>(m => m.Kind == NotificationKind.Promo && m.Phone == "+79160000001" && m.Text == "И по SMS тоже");
        outbox.Should().NotContain(m => m.CustomerId == without.Id);
    }

    [Fact]
    public async Task Two_hosts_on_one_PostgreSQL_send_each_message_once()
    {
        if (!PostgresServer.IsAvailable)
        {
            return;
        }

        await using var host = await NotificationHost.StartAsync(nameof(DatabaseProvider.Postgres), Quick);
        var second = host.StartApp();
        var first = host.Apps[0];
        await host.AddSubscribersAsync(60);
        var broadcast = await host.ComposeAsync("Два хоста");
        await host.SendNowAsync(broadcast.Id);

        async Task RunOn(LoungeAppFactory app)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BroadcastSender>().RunDueAsync(CancellationToken.None);
        }

        await Task.WhenAll(RunOn(first), RunOn(second), RunOn(first), RunOn(second));

        var received = host.Telegram.Received("Два хоста");
        received.Should().HaveCount(60).And.OnlyContain(kv => kv.Value == 1);
        (await host.DeliveriesAsync(broadcast.Id)).Should().HaveCount(60).And.OnlyContain(d => d.State == DeliveryState.Sent);
        (await host.BroadcastAsync(broadcast.Id)).Status.Should().Be(BroadcastStatus.Completed);
    }
}
