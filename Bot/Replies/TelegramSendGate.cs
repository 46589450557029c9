using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HookahLounge.Bot.Replies;

/// <summary>
/// One token bucket for everything this host sends to Telegram (guest replies, the outbox, broadcasts), at
/// <see cref="BotOptions.MessagesPerSecond"/>. Guest replies and notifications queue for a token directly;
/// broadcast messages go through a one-seat bulk lane first, so a broadcast never has more than one place in
/// the bucket's first-come queue: a reply waits at most one bulk slot (1/rate) longer than it would without a
/// broadcast, and the broadcast gets every token nobody else needs. A 429 seen on any send stops all sends
/// for Telegram's <c>retry_after</c>.
/// </summary>
public sealed class TelegramSendGate : IDisposable
{
    private static readonly AsyncLocal<bool> PaidAhead = new();
    private readonly TokenBucketRateLimiter? _bucket;
    private readonly SemaphoreSlim _bulkLane = new(1, 1);
    private readonly TimeProvider _time;
    private long _pausedUntilTicks;

    public TelegramSendGate(IOptions<BotOptions> options, TimeProvider time)
    {
        _time = time;
        var rate = options.Value.MessagesPerSecond;
        Rate = rate;
        if (rate > 0)
        {
            // One token every 1/rate seconds and a burst of a tenth of a second's worth, so no one-second window
            // ever sees much more than the rate (Telegram counts about 30 per second per bot).
            _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, (int)(rate / 10)),
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1 / rate),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }
    }

    /// <summary>Messages per second for the whole host; 0 means no limit.</summary>
    public double Rate { get; }

    /// <summary>Set by a sender that already holds a token for the request it is about to make.</summary>
    public static bool PaidFor
    {
        get => PaidAhead.Value;
        set => PaidAhead.Value = value;
    }

    /// <summary>Waits for a send slot: guest replies and notifications.</summary>
    public async ValueTask WaitAsync(CancellationToken ct)
    {
        await WaitOutPauseAsync(ct);
        await TakeTokenAsync(ct);
    }

    /// <summary>Waits for a send slot in the bulk lane (broadcasts): after everyone already waiting.</summary>
    public async ValueTask WaitBulkAsync(CancellationToken ct)
    {
        await _bulkLane.WaitAsync(ct);
        try
        {
            await WaitOutPauseAsync(ct);
            await TakeTokenAsync(ct);
        }
        finally
        {
            _bulkLane.Release();
        }
    }

    /// <summary>Telegram said 429: nobody sends until <paramref name="pause"/> has passed.</summary>
    public void PauseFor(TimeSpan pause)
    {
        var until = _time.GetUtcNow().UtcTicks + pause.Ticks;
        long current;
        do
        {
            current = Interlocked.Read(ref _pausedUntilTicks);
            if (current >= until)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _pausedUntilTicks, until, current) != current);
    }

    private async ValueTask TakeTokenAsync(CancellationToken ct)
    {
        if (_bucket is null)
        {
            return;
        }

        using var lease = await _bucket.AcquireAsync(1, ct);
    }

    private async ValueTask WaitOutPauseAsync(CancellationToken ct)
    {
        while (true)
        {
            var left = Interlocked.Read(ref _pausedUntilTicks) - _time.GetUtcNow().UtcTicks;
            if (left <= 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromTicks(left), _time, ct);
        }
    }

    public void Dispose()
    {
        _bucket?.Dispose();
        _bulkLane.Dispose();
    }

    /// <summary>Bot API methods that post or change a message, which is what Telegram's limit counts.</summary>
    public static bool IsMessageMethod(string method) =>
        method.StartsWith("send", StringComparison.OrdinalIgnoreCase)
        || method.StartsWith("edit", StringComparison.OrdinalIgnoreCase)
        || method.Equals("copyMessage", StringComparison.OrdinalIgnoreCase)
        || method.Equals("forwardMessage", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Puts every message-sending Bot API call through the <see cref="TelegramSendGate"/> and reports 429s to it.</summary>
public sealed class TelegramRateLimitHandler(TelegramSendGate gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var method = request.RequestUri?.Segments is { Length: > 0 } segments ? segments[^1].Trim('/') : "";
        if (TelegramSendGate.IsMessageMethod(method))
        {
            if (TelegramSendGate.PaidFor)
            {
                TelegramSendGate.PaidFor = false;
            }
            else
            {
                await gate.WaitAsync(ct);
            }
        }

        var response = await base.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            gate.PauseFor(TimeSpan.FromSeconds(await RetryAfterAsync(response, ct)));
        }

        return response;
    }

    private static async Task<int> RetryAfterAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await response.Content.LoadIntoBufferAsync(ct);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return json.RootElement.TryGetProperty("parameters", out var parameters) && parameters.TryGetProperty("retry_after", out var seconds) && seconds.TryGetInt32(out var value)
                ? Math.Clamp(value, 1, 3600)
                : 1;
        }
        catch (JsonException)
        {
            return 1;
        }
    }
}
