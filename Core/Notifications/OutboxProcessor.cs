using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HookahLounge.Core.Notifications;

/// <summary>
/// Delivers one due outbox message at a time and records what happened. On PostgreSQL the row is claimed
/// with <c>FOR UPDATE SKIP LOCKED</c> inside a transaction held until its outcome is saved, so several
/// dispatchers never take the same message; on SQLite one process is the only dispatcher.
/// </summary>
public sealed partial class OutboxProcessor(
    LoungeDbContext db,
    IEnumerable<INotificationChannel> channels,
    Notifier notifier,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<OutboxProcessor> logger)
{
    /// <summary>Delivers the next due message; false when none is due.</summary>
    public Task<bool> TryProcessNextAsync(CancellationToken ct) => db.IsPostgres
        ? db.Database.CreateExecutionStrategy().ExecuteAsync(ProcessClaimedAsync, ct)
        : ProcessNextAsync(ct);

    private async Task<bool> ProcessClaimedAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var pending = nameof(OutboxStatus.Pending);
        var claimed = await db.Outbox
            .FromSql($"""SELECT * FROM "Outbox" WHERE "Status" = {pending} AND "NextAttemptAtUtc" <= {now} ORDER BY "NextAttemptAtUtc", "Id" LIMIT 1 FOR UPDATE SKIP LOCKED""")
            .ToListAsync(ct);
        if (claimed is not [var message])
        {
            return false;
        }

        await DeliverAsync(message);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    private async Task<bool> ProcessNextAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow().UtcDateTime;
        var message = await db.Outbox
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= now)
            .OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id)
            .FirstOrDefaultAsync(ct);
        if (message is null)
        {
            return false;
        }

        await DeliverAsync(message);
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    /// <summary>
    /// Sends without the stopping token: once a message is on its way its outcome is always recorded,
    /// so a host that stops mid-dispatch never sends it again on the next start.
    /// </summary>
    private async Task DeliverAsync(OutboxMessage message)
    {
        var channel = channels.FirstOrDefault(c => c.Channel == message.Channel);
        if (message is { ThreadKey: { } thread, Channel: NotificationChannel.Telegram, TelegramMessageId: null })
        {
            // A later message of a thread edits the one already in the chat instead of adding another.
            message.TelegramMessageId = await db.Outbox.AsNoTracking()
                .Where(m => m.ThreadKey == thread && m.Id < message.Id && m.TelegramMessageId != null)
                .OrderBy(m => m.Id).Select(m => m.TelegramMessageId).FirstOrDefaultAsync(CancellationToken.None);
        }

        DeliveryResult result;
        try
        {
            result = channel is null
                ? DeliveryResult.Skipped($"No {message.Channel} channel is set up in this host.")
                : await channel.SendAsync(message, CancellationToken.None);
        }
        catch (Exception ex)
        {
            result = DeliveryResult.Retry(ex.Message);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (result.CountsAsAttempt)
        {
            message.Attempts++;
        }

        message.LastError = result.Error is { Length: > 1000 } error ? error[..1000] : result.Error;
        switch (result.Status)
        {
            case DeliveryStatus.Sent:
                message.Status = OutboxStatus.Sent;
                message.SentAtUtc = now;
                message.TelegramMessageId = result.TelegramMessageId ?? message.TelegramMessageId;
                LogSent(message.Id, message.Channel);
                break;
            case DeliveryStatus.Retry when message.Attempts < options.Value.MaxAttempts:
                var pause = result.RetryAfter ?? TimeSpan.FromSeconds(options.Value.FirstRetrySeconds * Math.Pow(2, Math.Max(0, message.Attempts - 1)));
                message.NextAttemptAtUtc = now + pause;
                LogRetry(message.Id, message.Channel, pause.TotalSeconds, result.Error);
                break;
            case DeliveryStatus.Skipped:
                message.Status = OutboxStatus.Skipped;
                LogSkipped(message.Id, message.Channel, result.Error);
                break;
            case DeliveryStatus.Unreachable:
                message.Status = OutboxStatus.Failed;
                await FallBackToSmsAsync(message);
                break;
            default:
                message.Status = OutboxStatus.Failed;
                LogFailed(message.Id, message.Channel, result.Error);
                break;
        }
    }

    /// <summary>The guest blocked the bot or the chat is gone: stop trying Telegram and use the phone if we have one.</summary>
    private async Task FallBackToSmsAsync(OutboxMessage message)
    {
        var customer = message.CustomerId is { } id ? await db.Customers.FindAsync(id) : null;
        if (customer is null)
        {
            LogFailed(message.Id, message.Channel, message.LastError);
            return;
        }

        customer.TelegramUnreachable = true;
        if (string.IsNullOrWhiteSpace(customer.Phone))
        {
            LogUnreachable(message.Id, customer.Id, "no phone to fall back to");
            return;
        }

        await notifier.SmsFallbackAsync(message, customer.Phone);
        message.LastError += " — sent by SMS instead.";
        LogUnreachable(message.Id, customer.Id, "falling back to SMS");
    }

    [LoggerMessage(LogLevel.Debug, "Notification {MessageId} sent by {Channel}")]
    private partial void LogSent(long messageId, NotificationChannel channel);

    [LoggerMessage(LogLevel.Warning, "Notification {MessageId} by {Channel} will be retried in {Seconds} s: {Error}")]
    private partial void LogRetry(long messageId, NotificationChannel channel, double seconds, string? error);

    [LoggerMessage(LogLevel.Information, "Notification {MessageId} by {Channel} skipped: {Reason}")]
    private partial void LogSkipped(long messageId, NotificationChannel channel, string? reason);

    [LoggerMessage(LogLevel.Warning, "Notification {MessageId} by {Channel} failed for good: {Error}")]
    private partial void LogFailed(long messageId, NotificationChannel channel, string? error);

    [LoggerMessage(LogLevel.Warning, "Notification {MessageId}: customer {CustomerId} is unreachable on Telegram, {What}")]
    private partial void LogUnreachable(long messageId, int customerId, string what);
}
