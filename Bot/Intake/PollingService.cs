using HookahLounge.Bot.Routing;
using HookahLounge.Core.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace HookahLounge.Bot.Intake;

/// <summary>
/// Long polling by the one host holding the <see cref="PollingLease"/>. Updates go into the chat lanes as
/// they arrive and the next batch is fetched while they are handled; the offset only moves past updates
/// that are done, so one not handled (crash, restart, database away) is fetched again, and de-duplication
/// makes that replay harmless. A graceful stop stops fetching, lets the lanes finish what they hold (until the
/// host's shutdown timeout), confirms the handled updates to Telegram and only then gives up the lease.
/// </summary>
public sealed partial class PollingService(
    ITelegramBotClient bot,
    ChatLanes lanes,
    UpdatePipeline pipeline,
    BotCommandsPublisher commands,
    PollingLease lease,
    IOptions<BotOptions> options,
    TimeProvider time,
    ILogger<PollingService> logger) : BackgroundService
{
    public static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.MyChatMember];

    /// <summary>Telegram's largest getUpdates answer; it always starts at the oldest update not yet confirmed.</summary>
    private const int BatchSize = 100;

    /// <summary>
    /// Fetch again once this many new updates would fit in the answer. Every answer repeats the updates still held
    /// (in flight, or done behind an older one in flight), so fetching on each finished update re-reads the whole
    /// window per update.
    /// </summary>
    private const int Refill = BatchSize / 4;

    private static readonly TimeSpan LeaseRetry = TimeSpan.FromSeconds(2);

    private readonly SortedSet<int> _inFlight = [];

    /// <summary>Fetched updates at or above the oldest one in flight: what the next answer hands back again.</summary>
    private readonly SortedSet<int> _held = [];

    private readonly Lock _gate = new();

    /// <summary>Set when an update finishes; a burst of completions wakes the loop once.</summary>
    private readonly WakeSignal _progress = new();

    /// <summary>Cancels the handling of updates; only when the host's shutdown timeout runs out.</summary>
    private readonly CancellationTokenSource _abort = new();

    /// <summary>The id after the last update fetched; what Telegram is told is done once nothing below it is in flight.</summary>
    private int? _next;

    /// <summary>True while this host is the one polling Telegram.</summary>
    public bool IsPolling { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        var ready = false;

        // How many were held when the last answer brought nothing new, and whether the last wait saw no update finish.
        int? heldWhenNothingNew = null;
        var idle = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await lease.HoldAsync(stoppingToken))
                {
                    if (IsPolling)
                    {
                        LogLeaseLost();
                    }

                    IsPolling = false;
                    ready = false;
                    await Task.Delay(LeaseRetry, time, stoppingToken);
                    continue;
                }

                if (!ready)
                {
                    // getUpdates refuses to work while a webhook is set.
                    await bot.DeleteWebhook(cancellationToken: stoppingToken);
                    await commands.PublishAsync(stoppingToken);
                    ready = true;
                    IsPolling = true;
                    LogStarted();
                }

                int? offset;
                bool busy;
                int held;
                lock (_gate)
                {
                    // Confirm only what is done: everything below the oldest update still being handled.
                    offset = _inFlight.Count > 0 ? _inFlight.Min : _next;
                    busy = _inFlight.Count > 0;
                    held = _held.Count;
                }

                if (busy && !idle && !FetchIsWorthIt(held, heldWhenNothingNew))
                {
                    idle = !await WaitForProgressAsync(stoppingToken);
                    continue;
                }

                var updates = await bot.GetUpdates(offset, BatchSize, busy ? 0 : options.Value.PollingTimeoutSeconds, AllowedUpdates, stoppingToken);
                var fresh = updates.Where(u => _next is null || u.Id >= _next).OrderBy(u => u.Id).ToList();
                foreach (var update in fresh)
                {
                    Dispatch(update, _abort.Token);
                }

                idle = false;
                heldWhenNothingNew = fresh.Count == 0 && busy ? held : null;
                if (fresh.Count > 0)
                {
                    _next = fresh[^1].Id + 1;
                }
                else if (busy)
                {
                    // Telegram handed back only updates still being handled: wait for one to finish.
                    idle = !await WaitForProgressAsync(stoppingToken);
                }

                backoff = TimeSpan.FromSeconds(1);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // The host is stopping; Telegram.Bot reports the cancelled getUpdates as a RequestException.
                break;
            }
            catch (Exception ex)
            {
                LogPollFailed(ex, backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 30));
            }
        }
    }

    /// <summary>Stops fetching, drains the lanes, confirms what was handled, then lets another host poll.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var drained = 0;
        await using (cancellationToken.Register(_abort.Cancel))
        {
            while (InFlight() is > 0 and var left && !_abort.IsCancellationRequested)
            {
                drained = Math.Max(drained, left);
                await _progress.WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            }
        }

        if (IsPolling)
        {
            try
            {
                int? offset;
                lock (_gate)
                {
                    offset = _inFlight.Count > 0 ? _inFlight.Min : _next;
                }

                // Telegram forgets the updates below the offset, so the next poller does not fetch them again.
                if (offset is not null)
                {
                    await bot.GetUpdates(offset, 1, 0, AllowedUpdates, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Fetched again by the next poller; de-duplication skips what was handled.
                LogPollFailed(ex, 0);
            }
        }

        IsPolling = false;
        await lease.ReleaseAsync();
        LogStopped(drained);
    }

    /// <summary>
    /// While updates are in flight, fetch again only when the answer has room for a fair number of new ones, and,
    /// after an answer with nothing new, once half of what it repeated has finished: each answer re-reads what is
    /// held, so fetching on every finished update would re-read the window once per update. Half a second without
    /// any update finishing fetches anyway (see the callers), so new guests are not kept waiting behind a slow one.
    /// </summary>
    private static bool FetchIsWorthIt(int held, int? heldWhenNothingNew) =>
        BatchSize - held >= Refill && (heldWhenNothingNew is not { } before || held <= before / 2);

    /// <summary>False when half a second passed without an update finishing.</summary>
    private Task<bool> WaitForProgressAsync(CancellationToken ct) => _progress.WaitAsync(TimeSpan.FromMilliseconds(500), ct);

    private int InFlight()
    {
        lock (_gate)
        {
            return _inFlight.Count;
        }
    }

    private void Dispatch(Update update, CancellationToken ct)
    {
        lock (_gate)
        {
            _inFlight.Add(update.Id);
            _held.Add(update.Id);
        }

        _ = lanes.Enqueue(GuestInput.ChatKeyOf(update), async () =>
        {
            try
            {
                await HandleUntilDoneAsync(update, ct);
            }
            finally
            {
                lock (_gate)
                {
                    _inFlight.Remove(update.Id);
                    if (_inFlight.Count == 0)
                    {
                        _held.Clear();
                    }
                    else if (update.Id < _inFlight.Min)
                    {
                        _held.RemoveWhere(id => id < _inFlight.Min);
                    }
                }

                _progress.Set();
            }
        });
    }

    /// <summary>While the database is away the chat's lane waits and tries again, so its later updates stay behind.</summary>
    private async Task HandleUntilDoneAsync(Update update, CancellationToken ct)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await pipeline.HandleAsync(update, ct);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRetry(ex, update.Id, backoff.TotalSeconds);
                await Task.Delay(backoff, time, ct);
                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 10));
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Telegram bot started in long-polling mode")]
    private partial void LogStarted();

    [LoggerMessage(LogLevel.Information, "Polling stopped after letting {Count} update(s) in flight finish")]
    private partial void LogStopped(int count);

    [LoggerMessage(LogLevel.Information, "Another host took over polling Telegram")]
    private partial void LogLeaseLost();

    [LoggerMessage(LogLevel.Warning, "Polling Telegram failed; retrying in {Seconds} s")]
    private partial void LogPollFailed(Exception ex, double seconds);

    [LoggerMessage(LogLevel.Warning, "Update {UpdateId} could not be handled now; next try in {Seconds} s")]
    private partial void LogRetry(Exception ex, long updateId, double seconds);
}
