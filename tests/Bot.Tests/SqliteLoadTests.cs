using HookahLounge.Core.Data;
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
}
