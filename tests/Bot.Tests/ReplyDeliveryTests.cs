using HookahLounge.Testing;

namespace HookahLounge.Bot.Tests;

/// <summary>Replies of a committed step reach the guest through Bot API hiccups, in order, and never as an apology.</summary>
public sealed class ReplyDeliveryTests
{
    private const string Apology = "Что-то пошло не так";

    [Theory]
    [InlineData("500")]
    [InlineData("429")]
    [InlineData("disconnect")]
    public async Task Replies_get_through_transient_Bot_API_failures_in_order_without_an_apology(string failure)
    {
        await using var host = await BotHost.StartAsync();
        const long chat = 8701;
        switch (failure)
        {
            case "500":
                host.Telegram.Fail("sendmessage", 500, "Internal Server Error", count: 3);
                break;
            case "429":
                host.Telegram.Fail("sendmessage", 429, "Too Many Requests: retry after 1", retryAfter: 1, count: 4);
                break;
            default:
                host.Telegram.Disconnect("sendmessage", count: 3);
                break;
        }

        host.Telegram.Push(Updates.Text(host.Telegram.NextUpdateId(), chat, "/start"));
        await host.Telegram.WaitForAsync(calls => calls.Any(c => c.ChatId == chat && c.Text?.Contains("старше 18 лет") == true), TimeSpan.FromSeconds(40));
        await host.Telegram.SettleAsync();

        var texts = host.Telegram.CallsTo(chat).Where(c => c.Method == "sendmessage").Select(c => c.Text!).ToList();
        texts.Should().NotContain(t => t.Contains(Apology));
        texts.Distinct().Should().HaveCount(2, "the greeting (tried until it went through), then the age question");
        texts.FindLastIndex(t => t.Contains("Облака Лаунж")).Should().BeLessThan(texts.FindIndex(t => t.Contains("старше 18 лет")), "the replies keep their order");

        var menu = await host.SendAsync(chat, Updates.Button(host.Telegram.NextUpdateId(), chat, "age:yes", messageId: 2));
        menu.Single().Text.Should().Contain("Чем можем помочь");
    }

    [Fact]
    public async Task A_guest_who_blocked_the_bot_is_marked_unreachable_and_gets_no_apology()
    {
        await using var host = await BotHost.StartAsync();
        const long chat = 8702;
        await host.PassAgeGateAsync(chat);
        var before = host.Telegram.CallsTo(chat).Count;
        host.Telegram.Fail("sendmessage", 403, "Forbidden: bot was blocked by the user");

        host.Telegram.Push(Updates.Text(host.Telegram.NextUpdateId(), chat, "/start"));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await host.CustomerAsync(chat))?.TelegramUnreachable != true)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the guest should be marked unreachable");
            await Task.Delay(50);
        }

        await host.Telegram.SettleAsync();
        host.Telegram.CallsTo(chat).Skip(before).Should().ContainSingle("nothing more is tried in a chat that refuses the bot")
            .Which.Text.Should().NotContain(Apology);
    }
}
