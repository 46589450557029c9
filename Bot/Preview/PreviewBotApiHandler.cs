using System.Net;
using System.Text;

namespace HookahLounge.Bot.Preview;

/// <summary>
/// The bot's HTTP client in preview mode: requests for "{base}/bot{token}/{method}" are answered by
/// <see cref="BotPreview"/> in process, so the real Telegram.Bot client, retries and all, talks to the stand-in.
/// </summary>
public sealed class PreviewBotApiHandler(BotPreview preview) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var segments = request.RequestUri?.AbsolutePath.Trim('/').Split('/') ?? [];
        if (segments is not [.., var tokenPart, var method] || tokenPart != $"bot{BotPreview.Token}")
        {
            return Reply(401, BotPreview.Envelope(null, 401, "Unauthorized"));
        }

        var body = await BotPreview.ReadBodyAsync(request.Content, cancellationToken);
        var (result, status, error) = await preview.CallAsync(method, body, cancellationToken);
        return Reply(status, BotPreview.Envelope(result, status, error));
    }

    private static HttpResponseMessage Reply(int status, string json) =>
        new((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
