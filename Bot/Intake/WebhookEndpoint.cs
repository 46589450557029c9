using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace HookahLounge.Bot.Intake;

public static class WebhookEndpoint
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Maps the webhook when the bot runs in webhook mode; a no-op otherwise.</summary>
    public static IEndpointRouteBuilder MapBotWebhook(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<BotOptions>>().Value;
        if (!options.Enabled || !options.UseWebhook)
        {
            return endpoints;
        }

        endpoints.MapPost(options.WebhookPath, ReceiveAsync).DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, WebhookInbox inbox, IOptions<BotOptions> options)
    {
        var expected = Encoding.UTF8.GetBytes(options.Value.WebhookSecret ?? "");
        var given = Encoding.UTF8.GetBytes(http.Request.Headers[SecretHeader].ToString());
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return Results.Unauthorized();
        }

        if (!inbox.Accepting)
        {
            // Shutting down: Telegram keeps the update and sends it again, to this host once it is back or to another.
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        string json;
        Update? update;
        try
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            json = await reader.ReadToEndAsync(http.RequestAborted);
            update = JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            return Results.Problem("The body is not a Telegram update.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (update is null)
        {
            return Results.Problem("The body is not a Telegram update.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            await inbox.AcceptAsync(update, json, http.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            // Not stored means not acknowledged: a 5xx makes Telegram deliver it again later.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebhookEndpoint)).LogWarning(ex, "Update {UpdateId} could not be stored; asking Telegram to retry", update.Id);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok();
    }
}
