using HookahLounge.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HookahLounge.Bot.Tests;

public sealed class SecretsInLogsTests
{
    [Fact]
    public async Task The_bot_token_never_appears_in_the_logs_at_any_level()
    {
        var capture = new LogCapture();
        var everything = new Dictionary<string, string?>();
        foreach (var category in new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System", "System.Net.Http", "Quartz" })
        {
            everything[$"Logging:LogLevel:{category}"] = "Trace";
        }

        await using var host = await BotHost.StartAsync(settings: everything, services: s => s.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture)));
        const long chat = 8801;
        host.Telegram.Fail("sendmessage", 500, "Internal Server Error");
        host.Telegram.Disconnect("editmessagetext");

        await host.PassAgeGateAsync(chat);
        await host.SendAsync(chat, Updates.Button(host.Telegram.NextUpdateId(), chat, "home:contacts", messageId: 2), expectedCalls: 2);

        var lines = capture.Lines;
        lines.Should().Contain(l => l.Contains("/bot***/sendMessage"), "Bot API calls are still logged, redacted");
        var secret = LoungeAppFactory.BotToken.Split(':')[1];
        lines.Where(l => l.Contains(secret, StringComparison.Ordinal)).Should().BeEmpty("the token is a password to the bot");
    }
}
