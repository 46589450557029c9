using System.Net;
using System.Text.Json;
using HookahLounge.Core.Chats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HookahLounge.Bot.Replies;

/// <summary>
/// Everything this host sends to Telegram (guest replies, the outbox, broadcasts) pays for each message with a
/// token from the bot's one <see cref="ISendBudget"/> at <see cref="BotOptions.MessagesPerSecond"/> — shared by all
/// hosts on PostgreSQL. One dispatcher loop per host leases tokens for everyone waiting here, so a budget call
/// serves several senders and waiting senders never query the database themselves. Guest replies and
/// notifications are served first and may use the whole bucket; broadcast messages (the bulk lane) only get
/// tokens while the bucket keeps its reserve, so a reply on any host finds a token ahead of any broadcast. A 429
/// seen on any send stops all sends, on every host, for Telegram's <c>retry_after</c>.
/// </summary>
public sealed partial class TelegramSendGate : IDisposable
{
    private static readonly AsyncLocal<bool> PaidAhead = new();
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    private readonly ISendBudget? _budget;
    private readonly SendLimit? _limit;
    private readonly TimeProvider _time;
    private readonly ILogger<TelegramSendGate> _logger;
    private readonly Lock _sync = new();
    private readonly Queue<TaskCompletionSource> _replies = new();
    private readonly Queue<TaskCompletionSource> _bulk = new();
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource? _sleeper;
    private bool _sleeperWakesOnBulk;
    private Task? _dispatcher;
    private TimeSpan _pauseToShare;
    private long _pausedUntilTicks;
    private bool _disposed;

    public TelegramSendGate(IOptions<BotOptions> options, ISendBudget budget, TimeProvider time, ILogger<TelegramSendGate> logger)
    {
        _time = time;
        _logger = logger;
        Rate = options.Value.MessagesPerSecond;
        if (Rate > 0)
        {
            _limit = new SendLimit(Rate);
            _budget = budget;
        }
    }

    /// <summary>Messages per second for the bot, across all hosts; 0 means no limit.</summary>
    public double Rate { get; }

    /// <summary>Set by a sender that already holds a token for the request it is about to make.</summary>
    public static bool PaidFor
    {
        get => PaidAhead.Value;
        set => PaidAhead.Value = value;
    }

    /// <summary>Waits for a send slot: guest replies and notifications, ahead of any broadcast.</summary>
    public ValueTask WaitAsync(CancellationToken ct) => _budget is null ? WaitOutPauseAsync(ct) : WaitInLineAsync(_replies, ct);

    /// <summary>Waits for a send slot in the bulk lane (broadcasts): only when no reply waits and the reserve stays.</summary>
    public ValueTask WaitBulkAsync(CancellationToken ct) => _budget is null ? WaitOutPauseAsync(ct) : WaitInLineAsync(_bulk, ct);

    /// <summary>Telegram said 429: nobody sends until <paramref name="pause"/> has passed, here and (through the budget) on every host.</summary>
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

        if (_budget is not null)
        {
            lock (_sync)
            {
                _pauseToShare = pause > _pauseToShare ? pause : _pauseToShare;
                StartDispatcher();
                Wake(reply: true);
            }
        }
    }

    private async ValueTask WaitInLineAsync(Queue<TaskCompletionSource> line, CancellationToken ct)
    {
        var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            line.Enqueue(turn);
            StartDispatcher();
            Wake(reply: line == _replies);
        }

        using var cancel = ct.Register(() => turn.TrySetCanceled(ct));
        await turn.Task;
    }

    private void StartDispatcher() => _dispatcher ??= Task.Run(DispatchAsync);

    /// <summary>Wakes the dispatcher if it sleeps for something this may change (caller holds the lock).</summary>
    private void Wake(bool reply)
    {
        if (_sleeper is { } sleeper && (reply || _sleeperWakesOnBulk))
        {
            _sleeper = null;
            sleeper.TrySetResult();
        }
    }

    private Task SleepUntilWoken(bool wakesOnBulk)
    {
        var sleeper = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sleeper = sleeper;
        _sleeperWakesOnBulk = wakesOnBulk;
        return sleeper.Task;
    }

    /// <summary>The one loop that talks to the budget: leases tokens for whoever waits, replies first.</summary>
    private async Task DispatchAsync()
    {
        var stop = _stopping.Token;
        var retry = FirstRetry;
        var budgetDown = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                Task? idle = null;
                TimeSpan share;
                int want;
                bool forReplies;
                lock (_sync)
                {
                    DropCancelled(_replies);
                    DropCancelled(_bulk);
                    share = _pauseToShare;
                    forReplies = _replies.Count > 0;
                    want = Math.Min(forReplies ? _replies.Count : _bulk.Count, _limit!.Capacity);
                    if (want == 0 && share == TimeSpan.Zero)
                    {
                        idle = SleepUntilWoken(wakesOnBulk: true);
                    }
                }

                if (idle is not null)
                {
                    await idle.WaitAsync(stop);
                    continue;
                }

                if (share > TimeSpan.Zero)
                {
                    await _budget!.PauseAsync(share, stop);
                    lock (_sync)
                    {
                        _pauseToShare = _pauseToShare == share ? TimeSpan.Zero : _pauseToShare;
                    }
                }

                var pausedFor = TimeSpan.FromTicks(Interlocked.Read(ref _pausedUntilTicks) - _time.GetUtcNow().UtcTicks);
                if (pausedFor > TimeSpan.Zero)
                {
                    await Task.Delay(pausedFor, _time, stop);
                    continue;
                }

                if (want == 0)
                {
                    continue;
                }

                var grant = await _budget!.TakeAsync(_limit!, want, forReplies ? 0 : _limit!.Reserve, stop);
                if (budgetDown)
                {
                    budgetDown = false;
                    retry = FirstRetry;
                    LogBudgetBack();
                }

                Task? replyArrives = null;
                lock (_sync)
                {
                    var left = grant.Granted;
                    while (left > 0 && (TryGrant(_replies) || TryGrant(_bulk)))
                    {
                        left--;
                    }

                    if (grant.Granted < want && !forReplies)
                    {
                        // Waiting for the bulk lane's next token: a reply that turns up meanwhile may not have to.
                        replyArrives = SleepUntilWoken(wakesOnBulk: false);
                    }
                }

                if (grant.Granted < want)
                {
                    var refill = Task.Delay(grant.Wait, _time, stop);
                    await (replyArrives is null ? refill : Task.WhenAny(refill, replyArrives));
                    lock (_sync)
                    {
                        _sleeper = _sleeper?.Task == replyArrives ? null : _sleeper;
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database is away (or the statement failed): nobody's message is dropped, they wait for it.
                if (!budgetDown)
                {
                    budgetDown = true;
                    LogBudgetUnavailable(ex, retry.TotalSeconds);
                }

                try
                {
                    await Task.Delay(retry, _time, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
        }
    }

    private static void DropCancelled(Queue<TaskCompletionSource> line)
    {
        while (line.TryPeek(out var first) && first.Task.IsCompleted)
        {
            line.Dequeue();
        }
    }

    private static bool TryGrant(Queue<TaskCompletionSource> line)
    {
        while (line.TryDequeue(out var turn))
        {
            if (turn.TrySetResult())
            {
                return true;
            }
        }

        return false;
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
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var turn in _replies.Concat(_bulk))
            {
                turn.TrySetCanceled();
            }

            _replies.Clear();
            _bulk.Clear();
        }

        // Not disposed: the loop may still be reading its token while it winds down.
        _stopping.Cancel();
    }

    /// <summary>Bot API methods that post or change a message, which is what Telegram's limit counts.</summary>
    public static bool IsMessageMethod(string method) =>
        method.StartsWith("send", StringComparison.OrdinalIgnoreCase)
        || method.StartsWith("edit", StringComparison.OrdinalIgnoreCase)
        || method.Equals("copyMessage", StringComparison.OrdinalIgnoreCase)
        || method.Equals("forwardMessage", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(LogLevel.Warning, "The shared Telegram send budget cannot be reached; messages wait and it is tried again every {Seconds} s or more")]
    private partial void LogBudgetUnavailable(Exception ex, double seconds);

    [LoggerMessage(LogLevel.Information, "The shared Telegram send budget is reachable again; waiting messages go out")]
    private partial void LogBudgetBack();
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
