using System.Text.RegularExpressions;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace HookahLounge.Bot;

/// <summary>
/// Logs the Telegram client's HTTP calls in place of the default HttpClient logging, which writes the
/// whole URL and with it the bot token (<c>/bot{token}/method</c>). Only the method name is kept.
/// </summary>
public sealed partial class TelegramHttpLogger(ILogger<TelegramHttpLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request)
    {
        LogStart(request.Method.Method, Redact(request.RequestUri));
        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        LogStop(Redact(request.RequestUri), (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        LogFailed(Redact(request.RequestUri), exception.GetType().Name, elapsed.TotalMilliseconds);

    /// <summary>"https://api.telegram.org/bot123:abc/sendMessage" → "https://api.telegram.org/bot***/sendMessage".</summary>
    public static string Redact(Uri? uri) => uri is null ? "" : TokenInPath().Replace(uri.GetLeftPart(UriPartial.Path), "/bot***/");

    [GeneratedRegex("/bot[^/]+/", RegexOptions.CultureInvariant)]
    private static partial Regex TokenInPath();

    [LoggerMessage(LogLevel.Debug, "Bot API {HttpMethod} {Url}")]
    private partial void LogStart(string httpMethod, string url);

    [LoggerMessage(LogLevel.Debug, "Bot API {Url} answered {StatusCode} in {ElapsedMs} ms")]
    private partial void LogStop(string url, int statusCode, double elapsedMs);

    [LoggerMessage(LogLevel.Debug, "Bot API {Url} failed with {ExceptionType} after {ElapsedMs} ms")]
    private partial void LogFailed(string url, string exceptionType, double elapsedMs);
}
