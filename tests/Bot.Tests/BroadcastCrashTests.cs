using HookahLounge.Core.Broadcasts;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Bot.Tests;

/// <summary>A broadcast survives its host being killed (SIGKILL) mid-way: the next host finishes it, nobody gets it twice.</summary>
public sealed class BroadcastCrashTests
{
    [Fact]
    public async Task A_broadcast_killed_mid_way_resumes_on_the_next_start_without_duplicates_or_gaps()
    {
        if (!PostgresServer.IsAvailable)
        {
            return;
        }

        const int subscribers = 300;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var telegram = await FakeTelegram.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Seed:Demo"] = "false",
            ["Scheduling:Enabled"] = "true",
            ["Scheduling:SendBroadcastsCron"] = "* * * * * ?",
            ["Scheduling:ClusterCheckinSeconds"] = "1",
            ["Broadcasts:ClaimLeaseSeconds"] = "2",
            ["Broadcasts:BatchSize"] = "20",
            ["Telegram:MessagesPerSecond"] = "60",
            ["Notifications:DispatcherEnabled"] = "false",
        };

        var first = await SiteProcess.StartAsync(database, telegram, settings);
        int broadcastId;
        await using (var db = database.CreateContext())
        {
            db.Customers.AddRange(Enumerable.Range(0, subscribers).Select(i => new Customer
            {
                TelegramUserId = 800_000 + i, TelegramChatId = 800_000 + i, Name = $"Гость {i}", PromoOptIn = true, CreatedAtUtc = DateTime.UtcNow,
            }));
            var broadcast = new Broadcast
            {
                Title = "Crash", Text = "Ночь кальянов", AudienceJson = new AudienceFilter().ToJson(), Status = BroadcastStatus.Scheduled,
                // Already due whatever clock the app process starts on (faketime's absolute mode restarts every process at the same instant).
                ScheduledAtUtc = DateTime.UtcNow.AddHours(-1), CreatedBy = "test", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            };
            db.Broadcasts.Add(broadcast);
            await db.SaveChangesAsync();
            broadcastId = broadcast.Id;
        }

        int Received() => telegram.Calls.Count(c => c.Method == "sendmessage" && c.Text == "Ночь кальянов");
        await telegram.WaitForAsync(_ => Received() >= subscribers / 3, TimeSpan.FromSeconds(60), "the broadcast never got going");
        first.Kill();
        var atKill = Received();
        atKill.Should().BeLessThan(subscribers, "the kill must land mid-way for the test to mean anything");

        await using var second = await SiteProcess.StartAsync(database, telegram, settings);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            await using var db = database.CreateContext();
            if ((await db.Broadcasts.AsNoTracking().SingleAsync(b => b.Id == broadcastId)).Status == BroadcastStatus.Completed)
            {
                break;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"the second host should finish the broadcast:\n{second.Output}");
            await Task.Delay(200);
        }

        await telegram.SettleAsync();
        var perChat = telegram.Calls.Where(c => c.Method == "sendmessage" && c.Text == "Ночь кальянов").GroupBy(c => c.ChatId!.Value).ToDictionary(g => g.Key, g => g.Count());
        perChat.Values.Should().OnlyContain(n => n == 1, "no guest gets the promo twice, even across a crash");
        await using (var db = database.CreateContext())
        {
            var deliveries = await db.BroadcastDeliveries.AsNoTracking().Where(d => d.BroadcastId == broadcastId).ToListAsync();
            var chats = await db.Customers.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.TelegramChatId!.Value);
            deliveries.Should().HaveCount(subscribers);
            var unknown = deliveries.Where(d => d.State == DeliveryState.Unknown).ToList();
            unknown.Should().HaveCountLessThanOrEqualTo(1, "only the message in flight at the kill can be in doubt");
            deliveries.Where(d => d.State != DeliveryState.Unknown).Should().OnlyContain(d => d.State == DeliveryState.Sent);
            var missing = chats.Values.Where(chat => !perChat.ContainsKey(chat)).ToList();
            missing.Should().BeSubsetOf(unknown.Select(d => chats[d.CustomerId]), "nobody is skipped except, at most, the one whose request the kill cut off");
        }
    }
}
