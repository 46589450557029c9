using System.Diagnostics;
using System.Text.Json;
using HookahLounge.Bot.Routing;
using HookahLounge.Core.Chats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace HookahLounge.Bot.Intake;

/// <summary>
/// Webhook mode: the endpoint stores each update in the inbox table before Telegram gets its 200 and, once
/// this host has caught up with the table, hands it straight to the chat lanes. Updates that arrive together are
/// stored in one statement, and the rows of handled updates are removed in batches a few times a second. The table
/// is read only to catch up: on start (whatever a crash or a stop left), once enough room frees up after more than
/// <see cref="MaxInFlight"/> updates piled up, and every few seconds for rows no lane holds.
/// </summary>
public sealed partial class WebhookInbox(
    IServiceScopeFactory scopes,
    ITelegramBotClient bot,
    ChatLanes lanes,
    UpdatePipeline pipeline,
    BotCommandsPublisher commands,
    IOptions<BotOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<WebhookInbox> logger) : BackgroundService
{
    /// <summary>Updates dispatched to lanes at most at once; the rest wait in the table.</summary>
    private const int MaxInFlight = 2_000;

    /// <summary>Once behind, the table is read again only when this many lanes' worth of room has freed up, not for every handled update.</summary>
    private const int RefillAtLeast = 250;

    /// <summary>Updates stored by one statement at most.</summary>
    private const int MaxStoreBatch = 256;

    private static readonly TimeSpan Rescan = TimeSpan.FromSeconds(5);

    /// <summary>Handled rows are deleted at most this often: one statement for many updates instead of one each.</summary>
    private static readonly TimeSpan RemoveEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>Set when an update is stored while behind, or the first of a batch is handled: the loop has rows to read or remove.</summary>
    private readonly WakeSignal _arrived = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<long> _handled = new();
    private readonly Dictionary<long, Task> _inFlight = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly System.Threading.Channels.Channel<Arrival> _toStore =
        System.Threading.Channels.Channel.CreateUnbounded<Arrival>(new() { SingleReader = true });

    private Task _storing = Task.CompletedTask;

    /// <summary>Handled updates whose rows are not deleted yet.</summary>
    private int _handledWaiting;

    /// <summary>
    /// True once every stored row is in a lane or handled, so a new update can go straight to its lane and still come
    /// after its chat's older ones; false from the start and while more than <see cref="MaxInFlight"/> are in flight.
    /// </summary>
    private bool _caughtUp;

    /// <summary>Updates stored while behind; a read of the table catches up only if none was stored while it ran.</summary>
    private long _storedWhileBehind;

    /// <summary>True while the host accepts updates; false from the moment it starts shutting down.</summary>
    public bool Accepting => !_stopping.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>Stores a received update; throws when the database cannot take it (Telegram then retries).</summary>
    public Task AcceptAsync(Update update, string json, CancellationToken ct)
    {
        var arrival = new Arrival(update, GuestInput.ChatKeyOf(update), json);
        if (!_toStore.Writer.TryWrite(arrival))
        {
            throw new InvalidOperationException("The bot inbox has stopped taking updates.");
        }

        return arrival.Stored.Task.WaitAsync(ct);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(_stopping.Cancel);
        _storing = StoreArrivalsAsync();
        return base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Stores whatever arrived while the previous statement ran, all in one, then hands the updates to their lanes in
    /// update_id order (or leaves them to the table read when behind) and only then lets their requests answer 200.
    /// </summary>
    private async Task StoreArrivalsAsync()
    {
        var reader = _toStore.Reader;
        var batch = new List<Arrival>(MaxStoreBatch);
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < MaxStoreBatch && reader.TryRead(out var arrival))
            {
                batch.Add(arrival);
            }

            // The same update twice in one batch (Telegram retrying a request it gave up on) is one row and one handling.
            var unique = batch.DistinctBy(a => a.Update.Id).OrderBy(a => a.Update.Id).ToList();
            try
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<UpdateInbox>().AddAsync([.. unique.Select(a => (a.Update.Id, a.ChatId, a.Json))], _abort.Token);
                }

                DispatchStored(unique);
            }
            catch (Exception ex)
            {
                // Not known to be stored and in a lane: a 5xx, so Telegram sends them again (a stored one is then a no-op).
                foreach (var arrival in batch)
                {
                    arrival.Stored.TrySetException(ex);
                }

                continue;
            }

            foreach (var arrival in batch)
            {
                arrival.Stored.TrySetResult();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _stopping.Token);
        var ct = stop.Token;
        var register = RegisterAsync(ct);
        var backoff = TimeSpan.FromSeconds(1);
        var lastRead = Stopwatch.GetTimestamp();
        var lastRemoved = lastRead;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (Volatile.Read(ref _handledWaiting) > 0 && Stopwatch.GetElapsedTime(lastRemoved) >= RemoveEvery)
                {
                    await RemoveHandledAsync(ct);
                    lastRemoved = Stopwatch.GetTimestamp();
                }

                // Rows no lane holds are looked for every few seconds even when caught up: another host may have stored
                // them and stopped before handling them.
                if (NeedsRead() || Stopwatch.GetElapsedTime(lastRead) >= Rescan)
                {
                    await DispatchPendingAsync(ct);
                    lastRead = Stopwatch.GetTimestamp();
                }

                backoff = TimeSpan.FromSeconds(1);
                var next = Rescan - Stopwatch.GetElapsedTime(lastRead);
                if (Volatile.Read(ref _handledWaiting) > 0)
                {
                    next = TimeSpan.FromTicks(Math.Min(next.Ticks, (RemoveEvery - Stopwatch.GetElapsedTime(lastRemoved)).Ticks));
                }

                if (next > TimeSpan.Zero)
                {
                    await _arrived.WaitAsync(next, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogScanFailed(ex, backoff.TotalSeconds);
                await Task.Delay(backoff, time, ct).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 30));
            }
        }

        await register.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Stops taking updates, lets the lanes finish what they hold, and aborts only when the host's stop timeout runs out.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();

        // What was received before the stop is stored (or refused) and in its lane before the lanes are waited for.
        _toStore.Writer.TryComplete();
        await using (cancellationToken.Register(_abort.Cancel))
        {
            await _storing;
        }

        await base.StopAsync(cancellationToken);
        Task[] running;
        lock (_gate)
        {
            running = [.. _inFlight.Values];
        }

        await using (cancellationToken.Register(_abort.Cancel))
        {
            await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        try
        {
            await RemoveHandledAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Left in the table: the next start dispatches them again and de-duplication skips them.
            LogScanFailed(ex, 0);
        }

        LogStopped(running.Length);
    }

    /// <summary>Hands just-stored updates to their lanes when caught up; otherwise the table read picks them up in order.</summary>
    private void DispatchStored(List<Arrival> stored)
    {
        var behind = false;
        lock (_gate)
        {
            foreach (var arrival in stored)
            {
                if (_caughtUp && _inFlight.Count < MaxInFlight)
                {
                    var update = arrival.Update;
                    DispatchLocked(update.Id, arrival.ChatId, () => update);
                    continue;
                }

                _caughtUp = false;
                _storedWhileBehind++;
                behind = true;
            }
        }

        if (behind)
        {
            Wake();
        }
    }

    /// <summary>Deletes the rows of handled updates in one statement, then lets them leave the in-flight set.</summary>
    private async Task RemoveHandledAsync(CancellationToken ct)
    {
        var ids = new List<long>();
        while (_handled.TryDequeue(out var id))
        {
            ids.Add(id);
        }

        if (ids.Count == 0)
        {
            return;
        }

        Interlocked.Add(ref _handledWaiting, -ids.Count);

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<UpdateInbox>().RemoveAsync(ids, ct);
        }
        catch
        {
            foreach (var id in ids)
            {
                _handled.Enqueue(id);
            }

            Interlocked.Add(ref _handledWaiting, ids.Count);
            throw;
        }

        lock (_gate)
        {
            foreach (var id in ids)
            {
                _inFlight.Remove(id);
            }
        }
    }

    private void Wake() => _arrived.Set();

    /// <summary>Behind the table, with room in the lanes for a worthwhile read.</summary>
    private bool NeedsRead()
    {
        lock (_gate)
        {
            return !_caughtUp && _inFlight.Count <= MaxInFlight - RefillAtLeast;
        }
    }

    /// <summary>Reads the stored rows no lane holds, oldest first, into the lanes; caught up when none was left over.</summary>
    private async Task DispatchPendingAsync(CancellationToken ct)
    {
        long[] busy;
        long storedBefore;
        lock (_gate)
        {
            busy = [.. _inFlight.Keys];
            storedBefore = _storedWhileBehind;
        }

        if (busy.Length >= MaxInFlight)
        {
            return;
        }

        List<InboxUpdate> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            pending = await scope.ServiceProvider.GetRequiredService<UpdateInbox>().PendingAsync(MaxInFlight - busy.Length, busy, ct);
        }

        lock (_gate)
        {
            foreach (var row in pending)
            {
                DispatchLocked(row.UpdateId, row.ChatId, () => JsonSerializer.Deserialize<Update>(row.Json, JsonBotAPI.Options));
            }

            // An update stored while the table was read may be missing from what was read; read again before taking the
            // next ones straight, or it would be handled after its chat's newer updates.
            if (pending.Count < MaxInFlight - busy.Length && _storedWhileBehind == storedBefore)
            {
                _caughtUp = true;
            }
        }
    }

    /// <summary>Puts a stored update in its chat's lane unless it is there already (read from the table and received at once).</summary>
    private void DispatchLocked(long updateId, long chatId, Func<Update?> read)
    {
        if (_inFlight.ContainsKey(updateId))
        {
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inFlight[updateId] = done.Task;
        _ = lanes.Enqueue(chatId, () => RunAsync(updateId, chatId, read, done));
    }

    /// <summary>
    /// Handles one stored update in its lane and removes it. While the database is unavailable the lane
    /// waits and tries again, so the chat's later updates stay behind it.
    /// </summary>
    private async Task RunAsync(long updateId, long chatId, Func<Update?> read, TaskCompletionSource done)
    {
        var handled = false;
        try
        {
            var backoff = TimeSpan.FromMilliseconds(200);
            while (!_abort.IsCancellationRequested)
            {
                try
                {
                    if (read() is { } update)
                    {
                        await pipeline.HandleAsync(update, _abort.Token);
                    }

                    // Removed from the table in batches by the drain loop; until then it stays "in flight" so it is not dispatched again.
                    handled = true;
                    _handled.Enqueue(updateId);
                    if (Interlocked.Increment(ref _handledWaiting) == 1)
                    {
                        Wake();
                    }

                    return;
                }
                catch (OperationCanceledException) when (_abort.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    LogRetry(ex, updateId, chatId, backoff.TotalSeconds);
                    await Task.Delay(backoff, time, _abort.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                    backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 10));
                }
            }
        }
        finally
        {
            if (!handled)
            {
                lock (_gate)
                {
                    _inFlight.Remove(updateId);
                }
            }

            done.TrySetResult();
        }
    }

    private async Task RegisterAsync(CancellationToken ct)
    {
        var value = options.Value;
        for (var delay = TimeSpan.FromSeconds(1); !ct.IsCancellationRequested; delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 60)))
        {
            try
            {
                await bot.SetWebhook(value.WebhookUrl!, allowedUpdates: PollingService.AllowedUpdates, secretToken: value.WebhookSecret, cancellationToken: ct);
                await commands.PublishAsync(ct);
                LogRegistered(value.WebhookUrl!);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRegisterFailed(ex, delay.TotalSeconds);
                await Task.Delay(delay, time, ct);
            }
        }
    }

    /// <summary>A received update on its way into the table; its request answers once <see cref="Stored"/> completes.</summary>
    private sealed record Arrival(Update Update, long ChatId, string Json)
    {
        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(LogLevel.Information, "Telegram bot started in webhook mode at {WebhookUrl}")]
    private partial void LogRegistered(string webhookUrl);

    [LoggerMessage(LogLevel.Warning, "Could not register the webhook with Telegram; retrying in {Seconds} s")]
    private partial void LogRegisterFailed(Exception ex, double seconds);

    [LoggerMessage(LogLevel.Warning, "Reading the bot inbox failed; retrying in {Seconds} s")]
    private partial void LogScanFailed(Exception ex, double seconds);

    [LoggerMessage(LogLevel.Warning, "Update {UpdateId} in chat {ChatId} could not be handled now; it stays in the inbox, next try in {Seconds} s")]
    private partial void LogRetry(Exception ex, long updateId, long chatId, double seconds);

    [LoggerMessage(LogLevel.Information, "Bot inbox stopped after draining {Count} update(s) in flight")]
    private partial void LogStopped(int count);
}
