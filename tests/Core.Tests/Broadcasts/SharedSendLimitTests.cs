using HookahLounge.Core.Broadcasts;
using HookahLounge.Core.Data;
using HookahLounge.Core.Notifications;
using HookahLounge.Core.Tests.Notifications;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HookahLounge.Core.Tests.Broadcasts;

/// <summary>Telegram's limit is per bot: hosts sharing one PostgreSQL share one send budget.</summary>
public sealed class SharedSendLimitTests(ITestOutputHelper output)
{
    private const double Rate = 10;

    [Fact]
    public async Task Two_hosts_sending_at_once_stay_within_one_limit_together()
    {
        if (!PostgresServer.IsAvailable)
        {
            return;
        }

        // Host A sends the broadcast; host B, the only one with an outbox dispatcher, sends notifications meanwhile.
        await using var host = await NotificationHost.StartAsync(nameof(DatabaseProvider.Postgres), new()
        {
            ["Notifications:DispatcherEnabled"] = "false",
            ["Broadcasts:BatchSize"] = "10",
            ["Telegram:MessagesPerSecond"] = Rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var broadcaster = host.Apps[0];
        host.StartApp(new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "true" });
        await host.AddSubscribersAsync(40);
        var broadcast = await host.ComposeAsync("Общий лимит");
        await host.SendNowAsync(broadcast.Id);

        var sending = Task.Run(async () =>
        {
            await using var scope = broadcaster.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BroadcastSender>().RunDueAsync(CancellationToken.None);
        });
        await host.Telegram.WaitForAsync(calls => calls.Any(c => c.Text == "Общий лимит"), because: "the broadcast never started");
        await using (var db = host.Database.CreateContext())
        {
            db.Outbox.AddRange(Enumerable.Range(1, 30).Select(i => new OutboxMessage
            {
                Key = $"shared-limit:{i}",
                Channel = NotificationChannel.Telegram,
                ChatId = NotificationHost.StaffChatId,
                Text = $"Заказ №{i} принят",
                NextAttemptAtUtc = DateTime.UtcNow,
                CreatedAtUtc = DateTime.UtcNow,
            }));
            await db.SaveChangesAsync();
        }

        await sending;
        await host.WaitForOutboxAsync(rows => rows.All(r => r.Status == OutboxStatus.Sent), TimeSpan.FromSeconds(60));
        await host.Telegram.SettleAsync();

        var messages = host.Telegram.Calls.Where(c => c.Method.StartsWith("send", StringComparison.Ordinal) || c.Method.StartsWith("edit", StringComparison.Ordinal)).ToList();
        var promos = messages.Where(c => c.Text == "Общий лимит").ToList();
        var notices = messages.Where(c => c.ChatId == NotificationHost.StaffChatId).ToList();
        promos.Should().HaveCount(40).And.OnlyHaveUniqueItems(c => c.ChatId);
        notices.Should().HaveCount(30);
        notices.Min(c => c.At).Should().BeBefore(promos.Max(c => c.At), "the two hosts must have been sending at the same time for the test to mean anything");
        (await host.BroadcastAsync(broadcast.Id)).Status.Should().Be(BroadcastStatus.Completed);

        // A token bucket lets through at most rate × 1 s + its capacity in any second (12 here); +2 for the way to the
        // fake, whose timestamps a busy machine can bunch up by a token or two. Per-host buckets give about twice that.
        var limit = new Core.Chats.SendLimit(Rate);
        var busiest = BusiestSecond(messages);
        output.WriteLine($"{messages.Count} messages in {(messages[^1].At - messages[0].At).TotalSeconds:0.0} s; busiest second: {busiest}");
        busiest.Should().BeLessThanOrEqualTo((int)Rate + limit.Capacity + 2, "both hosts pay from one budget, so together they keep to one limit");
    }

    /// <summary>The most calls in any one-second window.</summary>
    internal static int BusiestSecond(IReadOnlyList<BotApiCall> calls)
    {
        var at = calls.Select(c => c.At).Order().ToList();
        var most = 0;
        for (int first = 0, last = 0; last < at.Count; last++)
        {
            while (at[last] - at[first] >= TimeSpan.FromSeconds(1))
            {
                first++;
            }

            most = Math.Max(most, last - first + 1);
        }

        return most;
    }
}
