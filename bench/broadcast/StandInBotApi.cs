using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HookahLounge.Bench.Broadcast;

/// <summary>
/// A Bot API that enforces Telegram's broadcast limit: at most <c>limit</c> messages in any one second (a sliding
/// window over all chats), answering 429 with <c>retry_after</c> 1 above it, as Telegram does. Counts what it accepted per chat.
/// </summary>
public sealed class StandInBotApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly int _limit;
    private readonly Queue<long> _window = new();
    private readonly ConcurrentDictionary<long, int> _perChat = new();
    private readonly List<DateTime> _acceptedAt = [];
    private int _refused;
    private int _messageId;

    private StandInBotApi(WebApplication app, int limit)
    {
        _app = app;
        _limit = limit;
    }

    public string BaseUrl { get; private set; } = "";

    public int Accepted
    {
        get
        {
            lock (_window)
            {
                return _acceptedAt.Count;
            }
        }
    }

    public int Refused => Volatile.Read(ref _refused);

    public int DistinctChats => _perChat.Count;

    public int Twice => _perChat.Count(kv => kv.Value > 1);

    public (DateTime First, DateTime Last) Span
    {
        get
        {
            lock (_window)
            {
                return _acceptedAt.Count == 0 ? (DateTime.UtcNow, DateTime.UtcNow) : (_acceptedAt[0], _acceptedAt[^1]);
            }
        }
    }

    /// <summary>The longest pause between two accepted messages (the kill and restart).</summary>
    public TimeSpan LongestGap
    {
        get
        {
            lock (_window)
            {
                return _acceptedAt.Count < 2 ? TimeSpan.Zero : _acceptedAt.Zip(_acceptedAt.Skip(1), (a, b) => b - a).Max();
            }
        }
    }

    public static async Task<StandInBotApi> StartAsync(int limit)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new StandInBotApi(app, limit);
        app.MapPost("/bot{token}/{method}", (HttpContext http, string method) => api.HandleAsync(http, method));
        await app.StartAsync();
        api.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return api;
    }

    private async Task<IResult> HandleAsync(HttpContext http, string method)
    {
        var body = http.Request.HasJsonContentType() ? (await JsonNode.ParseAsync(http.Request.Body))?.AsObject() ?? [] : [];
        switch (method.ToLowerInvariant())
        {
            case "getupdates":
                await Task.Delay(1000, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Ok(new JsonArray());
            case "getme":
                return Ok(new JsonObject { ["id"] = 123456789, ["is_bot"] = true, ["first_name"] = "Oblaka", ["username"] = "oblaka_bench_bot" });
            case "sendmessage":
                var chat = long.Parse(body["chat_id"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
                lock (_window)
                {
                    var now = Stopwatch.GetTimestamp();
                    while (_window.Count > 0 && Stopwatch.GetElapsedTime(_window.Peek(), now) >= TimeSpan.FromSeconds(1))
                    {
                        _window.Dequeue();
                    }

                    if (_window.Count >= _limit)
                    {
                        _refused++;
                        return Results.Json(new JsonObject
                        {
                            ["ok"] = false, ["error_code"] = 429, ["description"] = "Too Many Requests: retry after 1",
                            ["parameters"] = new JsonObject { ["retry_after"] = 1 },
                        }, statusCode: 429);
                    }

                    _window.Enqueue(now);
                    _acceptedAt.Add(DateTime.UtcNow);
                }

                _perChat.AddOrUpdate(chat, 1, (_, n) => n + 1);
                return Ok(new JsonObject
                {
                    ["message_id"] = Interlocked.Increment(ref _messageId), ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    ["chat"] = new JsonObject { ["id"] = chat, ["type"] = "private" }, ["text"] = body["text"]?.DeepClone(),
                });
            default:
                return Ok(true);
        }
    }

    private static IResult Ok(JsonNode result) => Results.Json(new JsonObject { ["ok"] = true, ["result"] = result });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
