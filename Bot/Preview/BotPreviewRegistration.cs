using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HookahLounge.Bot.Preview;

/// <summary>
/// Switches the bot into preview mode: its Telegram client talks to the in-process <see cref="BotPreview"/>
/// instead of Telegram. On by default in Development when no token is set; anywhere else only with
/// <c>Telegram:Preview:Enabled=true</c>. A preview never reaches Telegram, so its chats never mix with real ones.
/// </summary>
public static class BotPreviewRegistration
{
    public const string EnabledKey = "Telegram:Preview:Enabled";

    public static bool IsOn(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(EnabledKey) ?? (string.IsNullOrWhiteSpace(configuration["Telegram:BotToken"]) && environment.IsDevelopment());

    /// <summary>Points the bot's settings at the stand-in; called by <c>AddBot</c> before it reads them.</summary>
    internal static void UsePreview(IHostApplicationBuilder builder)
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = BotPreview.Token,
            ["Telegram:ApiBaseUrl"] = "http://bot-preview.invalid",
            ["Telegram:WebhookUrl"] = "",
            ["Telegram:StaffChatId"] = BotPreview.StaffChatId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton<BotPreview>();
        builder.Services.AddTransient<PreviewBotApiHandler>();
    }

    /// <summary>
    /// The stand-in over HTTP at /preview-bot-api/bot{token}/{method}, in Telegram's request and response format
    /// (for tools and tests; the bot itself calls it in process).
    /// </summary>
    public static IEndpointRouteBuilder MapBotPreview(this IEndpointRouteBuilder endpoints, string staffPolicy)
    {
        if (endpoints.ServiceProvider.GetService<BotPreview>() is null)
        {
            return endpoints;
        }

        MapBotPreviewApi(endpoints);

        // Server-sent events: the id of each chat that changed, so an open preview page refreshes just that chat.
        endpoints.MapGet("/admin/bot/events", async (HttpContext http, BotPreview preview, CancellationToken ct) =>
        {
            http.Response.Headers.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            var changed = System.Threading.Channels.Channel.CreateUnbounded<long>();
            void OnChanged(long chatId) => changed.Writer.TryWrite(chatId);
            preview.Changed += OnChanged;
            try
            {
                await http.Response.WriteAsync(": connected\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
                await foreach (var chatId in changed.Reader.ReadAllAsync(ct))
                {
                    await http.Response.WriteAsync($"data: {chatId}\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The page was closed.
            }
            finally
            {
                preview.Changed -= OnChanged;
            }
        }).RequireAuthorization(staffPolicy);
        return endpoints;
    }

    private static IEndpointRouteBuilder MapBotPreviewApi(IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<BotPreview>() is null)
        {
            return endpoints;
        }

        // "bot{token}" as one parameter: routing does not match a complex segment against a token's colon.
        endpoints.MapPost("/preview-bot-api/{botToken}/{method}", async (string botToken, string method, HttpRequest request, BotPreview preview, CancellationToken ct) =>
        {
            if (botToken != $"bot{BotPreview.Token}")
            {
                return Results.Text(BotPreview.Envelope(null, 401, "Unauthorized"), "application/json", statusCode: 401);
            }

            JsonObject body;
            try
            {
                body = request.HasJsonContentType()
                    ? (await JsonNode.ParseAsync(request.Body, cancellationToken: ct))?.AsObject() ?? []
                    : request.HasFormContentType ? FormBody(await request.ReadFormAsync(ct)) : [];
            }
            catch (System.Text.Json.JsonException)
            {
                return Results.Text(BotPreview.Envelope(null, 400, "Bad Request: the body is not JSON"), "application/json", statusCode: 400);
            }

            var (result, status, error) = await preview.CallAsync(method, body, ct);
            return Results.Text(BotPreview.Envelope(result, status, error), "application/json", statusCode: status);
        }).DisableAntiforgery();
        return endpoints;
    }

    private static JsonObject FormBody(IFormCollection form)
    {
        var body = new JsonObject();
        foreach (var (key, value) in form)
        {
            var text = value.ToString();
            body[key] = long.TryParse(text, out var number) ? number : text;
        }

        return body;
    }
}
