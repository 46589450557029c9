using System.Net;
using System.Net.Http.Json;
using HookahLounge.Bot.Intake;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Bot.Tests;

public sealed class WebhookTests
{
    private static Dictionary<string, string?> WebhookSettings => new()
    {
        ["Telegram:WebhookUrl"] = "https://lounge.example/telegram/webhook",
        ["Telegram:WebhookSecret"] = "s3cret-Token_1",
    };

    [Fact]
    public async Task Webhook_mode_registers_with_the_secret_and_handles_posted_updates()
    {
        await using var host = await BotHost.StartAsync(settings: WebhookSettings);
        var registration = await host.Telegram.WaitForAsync(calls => calls.Any(c => c.Method == "setwebhook"));
        var setWebhook = registration.First(c => c.Method == "setwebhook");
        setWebhook.Body["url"]!.GetValue<string>().Should().Be("https://lounge.example/telegram/webhook");
        setWebhook.Body["secret_token"]!.GetValue<string>().Should().Be("s3cret-Token_1");
        var client = host.App!.CreateClient();

        var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = JsonContent.Create(Updates.Text(host.Telegram.NextUpdateId(), 9101, "/start")) };
        request.Headers.Add(WebhookEndpoint.SecretHeader, "s3cret-Token_1");
        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await host.Telegram.WaitForAsync(calls => calls.Count(c => c.ChatId == 9101) == 2);
        host.Telegram.Calls.Should().NotContain(c => c.Method == "getupdates");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task Webhook_rejects_requests_without_the_secret(string? secret)
    {
        await using var host = await BotHost.StartAsync(settings: WebhookSettings);
        var client = host.App!.CreateClient();

        var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = JsonContent.Create(Updates.Text(host.Telegram.NextUpdateId(), 9102, "/start")) };
        if (secret is not null)
        {
            request.Headers.Add(WebhookEndpoint.SecretHeader, secret);
        }

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await host.Telegram.SettleAsync();
        host.Telegram.CallsTo(9102).Should().BeEmpty();
    }

    [Fact]
    public async Task Webhook_answers_a_body_that_is_not_an_update_with_400()
    {
        await using var host = await BotHost.StartAsync(settings: WebhookSettings);
        var client = host.App!.CreateClient();

        var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookEndpoint.SecretHeader, "s3cret-Token_1");
        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Updates_posted_at_once_each_of_them_twice_are_stored_handled_and_removed_once_twice_in_a_row()
    {
        await using var host = await BotHost.StartAsync(settings: WebhookSettings);
        var client = host.App!.CreateClient();
        for (var round = 0; round < 2; round++)
        {
            long[] chats = [.. Enumerable.Range(0, 40).Select(i => 9200L + (round * 100) + i)];
            var updates = chats.Select(chat => Updates.Text(host.Telegram.NextUpdateId(), chat, "/start")).ToList();

            // Every update twice, all at once (Telegram sends a request again when it gave up waiting): many share a statement.
            var answers = await Task.WhenAll(updates.Concat(updates).Select(async update =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = JsonContent.Create(update) };
                request.Headers.Add(WebhookEndpoint.SecretHeader, "s3cret-Token_1");
                using var response = await client.SendAsync(request);
                return response.StatusCode;
            }));

            answers.Should().OnlyContain(status => status == HttpStatusCode.OK);
            await host.Telegram.WaitForAsync(calls => chats.All(chat => calls.Count(c => c.ChatId == chat) >= 2));
            await host.Telegram.SettleAsync();
            foreach (var chat in chats)
            {
                host.Telegram.CallsTo(chat).Should().HaveCount(2, $"chat {chat} is greeted once");
                (await host.SessionAsync(chat)).Should().NotBeNull();
            }

            (await host.ProcessedUpdatesAsync()).Should().Be(chats.Length * (round + 1));
            var deadline = DateTime.UtcNow.AddSeconds(10);
            int left;
            do
            {
                await Task.Delay(100);
                await using var db = host.Database.CreateContext();
                left = await db.BotInbox.CountAsync();
            }
            while (left > 0 && DateTime.UtcNow < deadline);
            left.Should().Be(0, "the rows of handled updates are removed");
        }
    }
}
