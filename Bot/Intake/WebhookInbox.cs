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
/// Webhook mode: the endpoint stores each update in the inbox table before Telegram gets its 200; this
/// service registers the webhook and drains the table through the chat lanes, removing a row once its
/// update is handled. Whatever a crash or a stop leaves in the table is picked up on the next start.
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

    private static readonly TimeSpan Rescan = TimeSpan.FromSeconds(5);

    private readonly WakeSignal _arrived = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<long> _handled = new();
    private readonly Dictionary<long, Task> _inFlight = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();

    /// <summary>True while the host accepts updates; false from the moment it starts shutting down.</summary>
    public bool Accepting => !_stopping.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>Stores a received update; throws when the database cannot take it (Telegram then retries).</summary>
    public async Task AcceptAsync(Update update, string json, CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UpdateInbox>().AddAsync(update.Id, GuestInput.ChatKeyOf(update), json, ct);
        }

        Wake();
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(_stopping.Cancel);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _stopping.Token);
        var ct = stop.Token;
        var register = RegisterAsync(ct);
        var backoff = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RemoveHandledAsync(ct);
                var dispatched = await DispatchPendingAsync(ct);
                backoff = TimeSpan.FromSeconds(1);
                if (dispatched == 0)
                {
                    await _arrived.WaitAsync(Rescan, ct);
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

    private async Task<int> DispatchPendingAsync(CancellationToken ct)
    {
        long[] busy;
        lock (_gate)
        {
            busy = [.. _inFlight.Keys];
        }

        if (busy.Length >= MaxInFlight)
        {
            return 0;
        }

        List<InboxUpdate> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            pending = await scope.ServiceProvider.GetRequiredService<UpdateInbox>().PendingAsync(MaxInFlight - busy.Length, busy, ct);
        }

        foreach (var row in pending)
        {
            lock (_gate)
            {
                if (_inFlight.ContainsKey(row.UpdateId))
                {
                    continue;
                }

                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _inFlight[row.UpdateId] = done.Task;
                _ = lanes.Enqueue(row.ChatId, () => RunAsync(row, done));
            }
        }

        return pending.Count;
    }

    /// <summary>
    /// Handles one stored update in its lane and removes it. While the database is unavailable the lane
    /// waits and tries again, so the chat's later updates stay behind it.
    /// </summary>
    private async Task RunAsync(InboxUpdate row, TaskCompletionSource done)
    {
        var handled = false;
        try
        {
            var backoff = TimeSpan.FromMilliseconds(200);
            while (!_abort.IsCancellationRequested)
            {
                try
                {
                    var update = JsonSerializer.Deserialize<Update>(row.Json, JsonBotAPI.Options);
                    if (update is not null)
                    {
                        await pipeline.HandleAsync(update, _abort.Token);
                    }

                    // Removed from the table in batches by the drain loop; until then it stays "in flight" so it is not dispatched again.
                    handled = true;
                    _handled.Enqueue(row.UpdateId);
                    Wake();
                    return;
                }
                catch (OperationCanceledException) when (_abort.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    LogRetry(ex, row.UpdateId, row.ChatId, backoff.TotalSeconds);
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
                    _inFlight.Remove(row.UpdateId);
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
