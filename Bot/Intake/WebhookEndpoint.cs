using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(http.Request.Body, JsonBotAPI.Options, http.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.Problem("The body is not a Telegram update.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (update is null)
        {
            return Results.Problem("The body is not a Telegram update.", statusCode: StatusCodes.Status400BadRequest);
        }

        await inbox.AcceptAsync(update, http.RequestAborted);
        return Results.Ok();
    }
}
