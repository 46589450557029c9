using HookahLounge.Bot.Conversations.Settings;
using HookahLounge.Bot.Conversations.Home;
using HookahLounge.Bot.Intake;
using HookahLounge.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HookahLounge.Bot.Tests;

public sealed class PollingLeaseTests
{
    [Fact]
    public async Task Of_two_hosts_on_one_database_only_one_polls_and_the_other_takes_over_when_it_stops()
    {
        if (!PostgresServer.IsAvailable)
        {
            return; // Several hosts share a database only on PostgreSQL.
        }

        await using var host = await BotHost.StartAsync("Postgres");
        var first = PollerOf(host.App!);
        await WaitUntilAsync(() => first.IsPolling);
        await using var second = new LoungeAppFactory(host.Database, host.Telegram).Start();
        var standby = PollerOf(second);

        long[] before = [.. Enumerable.Range(0, 20).Select(i => 30_000L + i)];
        await GuestsAsync(host, before);

        host.Telegram.OverlappingPolls.Should().Be(0, "two hosts never poll Telegram at the same time");
        standby.IsPolling.Should().BeFalse();

        await host.App!.DisposeAsync();
        long[] after = [.. Enumerable.Range(0, 20).Select(i => 31_000L + i)];
        await GuestsAsync(host, after);

        standby.IsPolling.Should().BeTrue("the second host took the lease when the first one went away");
        (await host.ProcessedUpdatesAsync()).Should().Be((before.Length + after.Length) * 3);
    }

    private static PollingService PollerOf(LoungeAppFactory app) => app.Services.GetServices<IHostedService>().OfType<PollingService>().Single();

    /// <summary>Each guest: /start, 18+, settings — in that order or the state would differ.</summary>
    private static async Task GuestsAsync(BotHost host, long[] chats)
    {
        foreach (var step in new[] { "/start", "age:yes", "home:settings" })
        {
            foreach (var chat in chats)
            {
                var id = host.Telegram.NextUpdateId();
                host.Telegram.Push(step.StartsWith('/') ? Updates.Text(id, chat, step) : Updates.Button(id, chat, step, messageId: 2));
            }
        }

        await host.Telegram.WaitForAsync(calls => chats.All(chat => calls.Count(c => c.ChatId == chat) >= 4), TimeSpan.FromSeconds(60));
        foreach (var chat in chats)
        {
            var session = await host.SessionAsync(chat);
            session!.Conversation.Should().Be(SettingsConversation.ConversationName);
            session.State.Should().Be(nameof(SettingsConversation.SettingsDialog.State.Open));
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
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
