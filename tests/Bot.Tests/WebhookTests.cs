using System.Net;
using System.Net.Http.Json;
using HookahLounge.Bot.Intake;
using HookahLounge.Testing;

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
}
