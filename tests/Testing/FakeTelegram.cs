using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HookahLounge.Testing;

/// <summary>One Bot API call as the fake server received it.</summary>
public sealed record BotApiCall(long Sequence, string Method, JsonObject Body, DateTimeOffset At)
{
    public long? ChatId => long.TryParse(Body["chat_id"]?.ToString(), out var id) ? id : null;

    public string? Text => Body["text"]?.GetValue<string>();

    /// <summary>callback_data of every inline button, row by row.</summary>
    public IReadOnlyList<string> ButtonData => Body["reply_markup"]?["inline_keyboard"] is JsonArray rows
        ? [.. rows.OfType<JsonArray>().SelectMany(r => r.OfType<JsonObject>()).Select(b => b["callback_data"]?.GetValue<string>()).OfType<string>()]
        : [];

    public IReadOnlyList<string> ButtonTexts => Body["reply_markup"]?["inline_keyboard"] is JsonArray rows
        ? [.. rows.OfType<JsonArray>().SelectMany(r => r.OfType<JsonObject>()).Select(b => b["text"]!.GetValue<string>())]
        : [];
}

/// <summary>
/// A local stand-in for the Telegram Bot API over real HTTP: it serves getUpdates from what a test pushes,
/// answers the send/edit/answer methods like Telegram, records every call, and can fail on request.
/// </summary>
public sealed class FakeTelegram : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(long Id, JsonObject Update, bool Delivered)> _pending = [];
    private readonly ConcurrentQueue<BotApiCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Description, int? RetryAfter)>> _failures = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly ConcurrentDictionary<long, DateTimeOffset> _handedOut = new();
    private long _sequence;
    private int _openPolls;
    private int _overlappingPolls;
    private long _updatesHandedOut;
    private long _nextUpdateId = 1000;
    private int _nextMessageId = 1;

    private FakeTelegram(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<BotApiCall> Calls => [.. _calls.OrderBy(c => c.Sequence)];

    /// <summary>How many calls have been recorded, without copying them.</summary>
    public int CallCount => _calls.Count;

    public static async Task<FakeTelegram> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTelegram(app);
        app.MapPost("/bot{token}/{method}", fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First();
        return fake;
    }

    /// <summary>How long each send/edit takes, to widen the window in which a host can be stopped mid-dispatch.</summary>
    public TimeSpan SendDelay { get; set; }

    public long NextUpdateId() => Interlocked.Increment(ref _nextUpdateId);

    /// <summary>Queues an update for the bot's next getUpdates; returns its update_id.</summary>
    public long Push(JsonObject update)
    {
        var id = update["update_id"]!.GetValue<long>();
        lock (_pending)
        {
            // Kept in update_id order (after equal ids) so a poll reads its batch from the front.
            var at = _pending.Count;
            while (at > 0 && _pending[at - 1].Id > id)
            {
                at--;
            }

            _pending.Insert(at, (id, update, false));
        }

        _arrived.Release();
        return id;
    }

    /// <summary>Makes the next <paramref name="count"/> calls of a method fail as Telegram would.</summary>
    public void Fail(string method, int status, string description, int? retryAfter = null, int count = 1)
    {
        var queue = _failures.GetOrAdd(method, _ => new());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue((status, description, retryAfter));
        }
    }

    /// <summary>Makes the next <paramref name="count"/> calls of a method lose their connection without an answer.</summary>
    public void Disconnect(string method, int count = 1) => Fail(method, 0, "connection lost", count: count);

    public IReadOnlyList<BotApiCall> CallsTo(long chatId) => [.. Calls.Where(c => c.ChatId == chatId)];

    /// <summary>Waits until the recorded calls satisfy <paramref name="done"/>; fails the test with what was seen otherwise.</summary>
    public async Task<IReadOnlyList<BotApiCall>> WaitForAsync(Func<IReadOnlyList<BotApiCall>, bool> done, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var calls = Calls;
            if (done(calls))
            {
                return calls;
            }

            if (DateTime.UtcNow > deadline)
            {
                var seen = string.Join("\n", calls.Select(c => $"{c.Method} {c.Body.ToJsonString()}"));
                throw new TimeoutException($"Bot API calls never matched{(because is null ? "" : $" ({because})")}. Seen:\n{seen}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Waits for the bot to go quiet for a moment, for asserting that nothing more is sent.</summary>
    public async Task SettleAsync(TimeSpan? quiet = null)
    {
        var window = quiet ?? TimeSpan.FromMilliseconds(700);
        var count = -1;
        while (count != _calls.Count)
        {
            count = _calls.Count;
            await Task.Delay(window);
        }
    }

    private async Task<IResult> HandleAsync(HttpContext http, string token, string method)
    {
        JsonObject body;
        if (http.Request.HasJsonContentType())
        {
            body = (await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted))?.AsObject() ?? [];
        }
        else if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            body = [];
            foreach (var (key, value) in form)
            {
                body[key] = value.ToString();
            }
        }
        else
        {
            body = [];
        }

        method = method.ToLowerInvariant();
        if (method != "getupdates")
        {
            _calls.Enqueue(new BotApiCall(Interlocked.Increment(ref _sequence), method, body, DateTimeOffset.UtcNow));
        }

        if (SendDelay > TimeSpan.Zero && method.StartsWith("send", StringComparison.Ordinal))
        {
            await Task.Delay(SendDelay, CancellationToken.None);
        }

        if (_failures.TryGetValue(method, out var failures) && failures.TryDequeue(out var failure))
        {
            if (failure.Status == 0)
            {
                http.Abort();
                return Results.Empty;
            }

            var error = new JsonObject { ["ok"] = false, ["error_code"] = failure.Status, ["description"] = failure.Description };
            if (failure.RetryAfter is { } seconds)
            {
                error["parameters"] = new JsonObject { ["retry_after"] = seconds };
            }

            return Results.Json(error, statusCode: failure.Status);
        }

        return method switch
        {
            "getupdates" => Ok(await GetUpdatesAsync(body, http.RequestAborted)),
            "getme" => Ok(new JsonObject { ["id"] = 123456789, ["is_bot"] = true, ["first_name"] = "Oblaka", ["username"] = "oblaka_test_bot" }),
            "sendmessage" or "editmessagetext" or "sendvenue" or "sendlocation" or "sendphoto" => Ok(MessageFor(body)),
            _ => Ok(true),
        };
    }

    /// <summary>When getUpdates first handed the update to the bot (for latency figures in benchmarks).</summary>
    public DateTimeOffset? HandedOutAt(long updateId) => _handedOut.TryGetValue(updateId, out var at) ? at : null;

    /// <summary>How often a getUpdates came in while another was still open: two hosts polling at once (Telegram answers 409 Conflict).</summary>
    public int OverlappingPolls => Volatile.Read(ref _overlappingPolls);

    /// <summary>Updates written into getUpdates answers, re-deliveries included: what fetching costs both sides.</summary>
    public long UpdatesHandedOut => Interlocked.Read(ref _updatesHandedOut);

    private async Task<JsonArray> GetUpdatesAsync(JsonObject body, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _openPolls) > 1)
        {
            Interlocked.Increment(ref _overlappingPolls);
        }

        try
        {
            return await NextUpdatesAsync(body, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _openPolls);
        }
    }

    private async Task<JsonArray> NextUpdatesAsync(JsonObject body, CancellationToken ct)
    {
        var offset = body["offset"]?.GetValue<long>() ?? 0;
        var limit = body["limit"]?.GetValue<int>() ?? 100;

        // Long polling, kept short so hosts stop quickly in tests.
        var deadline = DateTime.UtcNow.AddMilliseconds(400);
        while (true)
        {
            lock (_pending)
            {
                // Like Telegram: an offset confirms every delivered update below it; the rest is (re)delivered.
                // The list is in update_id order, so only its front can hold confirmed updates, and whatever is
                // left is due: the batch is the first `limit` entries (linear scans here made the benchmark's
                // stand-in, not the bot, the bottleneck with thousands of queued updates).
                var below = 0;
                while (below < _pending.Count && _pending[below].Id < offset)
                {
                    below++;
                }

                var kept = _pending.Take(below).Where(p => !p.Delivered).ToList();
                if (kept.Count < below)
                {
                    _pending.RemoveRange(0, below);
                    _pending.InsertRange(0, kept);
                }

                var count = Math.Min(limit, _pending.Count);
                if (count > 0)
                {
                    var now = DateTimeOffset.UtcNow;
                    var batch = new JsonArray();
                    for (var i = 0; i < count; i++)
                    {
                        var (id, update, _) = _pending[i];
                        _pending[i] = (id, update, true);
                        _handedOut.TryAdd(id, now);
                        batch.Add(update.DeepClone());
                    }

                    Interlocked.Add(ref _updatesHandedOut, count);
                    return batch;
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || ct.IsCancellationRequested)
            {
                return [];
            }

            try
            {
                await _arrived.WaitAsync(left, ct);
            }
            catch (OperationCanceledException)
            {
                return [];
            }
        }
    }

    private JsonObject MessageFor(JsonObject body)
    {
        var chat = body["chat_id"]?.DeepClone() ?? 0;
        var messageId = body["message_id"]?.GetValue<int>() ?? Interlocked.Increment(ref _nextMessageId);
        var message = new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = chat, ["type"] = "private" },
            ["from"] = new JsonObject { ["id"] = 123456789, ["is_bot"] = true, ["first_name"] = "Oblaka" },
        };
        if (body["text"] is { } text)
        {
            message["text"] = text.DeepClone();
        }

        return message;
    }

    private static IResult Ok(JsonNode result) => Results.Json(new JsonObject { ["ok"] = true, ["result"] = result });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
