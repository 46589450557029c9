using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Notifications;
using HookahLounge.Core.Promotions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HookahLounge.Core.Broadcasts;

/// <summary>
/// Sends broadcasts that are due. Recipients are fixed as one delivery row each when a broadcast starts
/// (unique per broadcast and guest); rows are claimed in batches (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>,
/// so several hosts never take the same row) and each message is marked "attempted" in the database just
/// before its request leaves. After a crash, a claimed row never attempted goes back to the queue, and an
/// attempted row without an answer becomes <see cref="DeliveryState.Unknown"/> and is never sent again:
/// nobody gets a promo twice, and only the message in flight at the moment of the crash can be in doubt.
/// </summary>
public sealed partial class BroadcastSender(
    LoungeDbContext db,
    AudienceQuery audiences,
    LoungeProfile lounge,
    IEnumerable<IBroadcastChannel> channels,
    IOptions<BroadcastOptions> options,
    OutboxSignal outboxSignal,
    TimeProvider time,
    ILogger<BroadcastSender> logger)
{
    /// <summary>This sender's name on its claims: unique per process, so a restarted host never mistakes a dead one's claims for its own.</summary>
    private static readonly string Me = $"{Environment.ProcessId}:{Guid.NewGuid():N}";

    private IBroadcastChannel? Telegram => channels.FirstOrDefault();

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Runs every broadcast that is due or under way until each is finished, paused or cancelled. Called by the scheduler's job.</summary>
    public async Task RunDueAsync(CancellationToken ct)
    {
        var now = Now;
        var due = await db.Broadcasts.AsNoTracking()
            .Where(b => (b.Status == BroadcastStatus.Scheduled && b.ScheduledAtUtc <= now) || b.Status == BroadcastStatus.Sending)
            .OrderBy(b => b.ScheduledAtUtc).ThenBy(b => b.Id)
            .Select(b => b.Id).ToListAsync(ct);
        foreach (var id in due)
        {
            await RunAsync(id, ct);
        }
    }

    /// <summary>Sends one broadcast as far as it can go now; returns when it is done, paused, cancelled or the host stops.</summary>
    public async Task RunAsync(int broadcastId, CancellationToken ct)
    {
        if (Telegram is not { IsAvailable: true } channel)
        {
            await NoteAsync(broadcastId, "Бот выключен (нет Telegram:BotToken): рассылка ждёт.", ct);
            return;
        }

        if (!await StartAsync(broadcastId, ct))
        {
            return;
        }

        await RecoverAsync(broadcastId, ct);
        while (!ct.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            var broadcast = await db.Broadcasts.AsNoTracking().SingleAsync(b => b.Id == broadcastId, ct);
            if (broadcast.Status != BroadcastStatus.Sending)
            {
                return;
            }

            if (await HasEndedAsync(broadcast, ct))
            {
                await FinishAsync(broadcastId, BroadcastStatus.Expired, "Акция или событие закончились — остаток не отправлен.", ct);
                return;
            }

            if (broadcast.PausedUntilUtc is { } until && until > Now)
            {
                await Task.Delay(until - Now, time, ct);
                continue;
            }

            var batch = await ClaimAsync(broadcastId, ct);
            if (batch.Count == 0)
            {
                var open = await db.BroadcastDeliveries.CountAsync(d => d.BroadcastId == broadcastId && (d.State == DeliveryState.Pending || d.State == DeliveryState.Claimed), ct);
                if (open == 0)
                {
                    await FinishAsync(broadcastId, BroadcastStatus.Completed, null, ct);
                }

                // Rows claimed by another host: that host finishes them (or they come back after its lease).
                return;
            }

            await SendBatchAsync(broadcast, batch, channel, ct);
        }
    }

    /// <summary>Scheduled → Sending, fixing the recipients in the same transaction; false when there is nothing to send.</summary>
    private async Task<bool> StartAsync(int broadcastId, CancellationToken ct)
    {
        var broadcast = await db.Broadcasts.AsNoTracking().SingleOrDefaultAsync(b => b.Id == broadcastId, ct);
        if (broadcast is null || broadcast.Status is not (BroadcastStatus.Scheduled or BroadcastStatus.Sending))
        {
            return false;
        }

        if (broadcast.Status == BroadcastStatus.Sending)
        {
            return true;
        }

        if (broadcast.ScheduledAtUtc > Now)
        {
            return false;
        }

        if (await HasEndedAsync(broadcast, ct))
        {
            await FinishAsync(broadcastId, BroadcastStatus.Expired, "Акция или событие закончились до отправки — рассылка не ушла.", ct);
            LogExpired(broadcastId);
            return false;
        }

        var members = await audiences.MembersAsync(AudienceFilter.FromJson(broadcast.AudienceJson), ct);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async cancel =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            var now = Now;

            // Only one host wins the start; the loser finds the broadcast already sending.
            var won = await db.Broadcasts.Where(b => b.Id == broadcastId && b.Status == BroadcastStatus.Scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BroadcastStatus.Sending)
                    .SetProperty(b => b.StartedAtUtc, now)
                    .SetProperty(b => b.Recipients, members.Count)
                    .SetProperty(b => b.UpdatedAtUtc, now), cancel);
            if (won == 1)
            {
                foreach (var chunk in members.Chunk(1000))
                {
                    db.BroadcastDeliveries.AddRange(chunk.Select(m => new BroadcastDelivery { BroadcastId = broadcastId, CustomerId = m.CustomerId, Channel = m.Channel }));
                    await db.SaveChangesAsync(cancel);
                    db.ChangeTracker.Clear();
                }

                LogStarted(broadcastId, members.Count);
            }

            await transaction.CommitAsync(cancel);
            return true;
        }, ct);
    }

    /// <summary>
    /// Claims left by a sender that is gone: never attempted → back to the queue; attempted without an answer →
    /// <see cref="DeliveryState.Unknown"/> (not sent again). On SQLite there is one host, so every claim not made by
    /// this process is a dead one's; on PostgreSQL only expired claims are taken back.
    /// </summary>
    public async Task RecoverAsync(int broadcastId, CancellationToken ct)
    {
        var now = Now;
        var claimed = db.BroadcastDeliveries.Where(d => d.BroadcastId == broadcastId && d.State == DeliveryState.Claimed);
        var stale = db.IsPostgres ? claimed.Where(d => d.ClaimedUntilUtc < now) : claimed.Where(d => d.ClaimedBy != Me);
        var unknown = await stale.Where(d => d.AttemptedAtUtc != null).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.State, DeliveryState.Unknown)
            .SetProperty(d => d.DoneAtUtc, now)
            .SetProperty(d => d.Error, "Запрос ушёл, ответа не было (сбой отправителя) — повторно не отправляется."), ct);
        var requeued = await stale.Where(d => d.AttemptedAtUtc == null).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.State, DeliveryState.Pending)
            .SetProperty(d => d.ClaimedBy, (string?)null)
            .SetProperty(d => d.ClaimedUntilUtc, (DateTime?)null), ct);
        if (unknown + requeued > 0)
        {
            LogRecovered(broadcastId, requeued, unknown);
        }
    }

    private async Task<List<BroadcastDelivery>> ClaimAsync(int broadcastId, CancellationToken ct) =>
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async cancel =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            var size = options.Value.BatchSize;
            var pending = nameof(DeliveryState.Pending);
            var ids = db.IsPostgres
                ? await db.Database.SqlQuery<long>($"""SELECT "Id" AS "Value" FROM "BroadcastDeliveries" WHERE "BroadcastId" = {broadcastId} AND "State" = {pending} ORDER BY "Id" LIMIT {size} FOR UPDATE SKIP LOCKED""").ToListAsync(cancel)
                : await db.BroadcastDeliveries.Where(d => d.BroadcastId == broadcastId && d.State == DeliveryState.Pending).OrderBy(d => d.Id).Take(size).Select(d => d.Id).ToListAsync(cancel);
            if (ids.Count == 0)
            {
                return [];
            }

            var until = Now.AddSeconds(options.Value.ClaimLeaseSeconds);
            await db.BroadcastDeliveries.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, DeliveryState.Claimed)
                .SetProperty(d => d.ClaimedBy, Me)
                .SetProperty(d => d.ClaimedUntilUtc, until), cancel);
            await transaction.CommitAsync(cancel);
            return await db.BroadcastDeliveries.AsNoTracking().Where(d => ids.Contains(d.Id)).OrderBy(d => d.Id).ToListAsync(cancel);
        }, ct);

    private async Task SendBatchAsync(Broadcast broadcast, List<BroadcastDelivery> batch, IBroadcastChannel channel, CancellationToken ct)
    {
        var customerIds = batch.Select(d => d.CustomerId).ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var photoFileId = broadcast.PhotoFileId;
        for (var i = 0; i < batch.Count; i++)
        {
            var delivery = batch[i];
            if (ct.IsCancellationRequested)
            {
                await ReleaseAsync(batch.Skip(i));
                return;
            }

            // Consent and reachability are checked again at the guest's turn: an opt-out minutes ago counts.
            var customer = customers.GetValueOrDefault(delivery.CustomerId);
            if (delivery.Channel == DeliveryChannel.Sms)
            {
                await QueueSmsAsync(broadcast, delivery, customer);
                continue;
            }

            if (customer is null || !AudienceQuery.MayGetTelegramPromo(customer))
            {
                await RecordAsync(delivery.Id, DeliveryState.Skipped, "Гость отписался, обезличен или недоступен.");
                continue;
            }

            try
            {
                await channel.WaitForTurnAsync(ct);
            }
            catch (OperationCanceledException)
            {
                await ReleaseAsync(batch.Skip(i));
                return;
            }

            // The line between "never left" and "in doubt": committed before the request goes.
            var now = Now;
            await db.BroadcastDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.AttemptedAtUtc, now), CancellationToken.None);
            var language = customer.Language;
            var message = new BroadcastMessage(broadcast.Id, customer.TelegramChatId!.Value, broadcast.TextFor(language), language,
                photoFileId is null ? broadcast.Photo : null, broadcast.PhotoContentType, photoFileId,
                broadcast.ButtonKind, broadcast.ButtonTextFor(language), broadcast.ButtonUrl, broadcast.ButtonDate);
            var result = await channel.SendAsync(message, CancellationToken.None);
            switch (result.Outcome)
            {
                case BroadcastSendOutcome.Sent:
                    await RecordAsync(delivery.Id, DeliveryState.Sent, null, result.MessageId);
                    if (photoFileId is null && result.PhotoFileId is { } fileId)
                    {
                        photoFileId = fileId;
                        await db.Broadcasts.Where(b => b.Id == broadcast.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.PhotoFileId, fileId), CancellationToken.None);
                    }

                    break;
                case BroadcastSendOutcome.Blocked:
                    await RecordAsync(delivery.Id, DeliveryState.Blocked, result.Error);
                    await db.Customers.Where(c => c.Id == customer.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.TelegramUnreachable, true), CancellationToken.None);
                    break;
                case BroadcastSendOutcome.Failed:
                    await RecordAsync(delivery.Id, DeliveryState.Failed, result.Error);
                    break;
                case BroadcastSendOutcome.Unknown:
                    await RecordAsync(delivery.Id, DeliveryState.Unknown, result.Error);
                    break;
                case BroadcastSendOutcome.NotDelivered:
                    await RetryLaterAsync(delivery, result.Error);
                    break;
                case BroadcastSendOutcome.RateLimited:
                    // Telegram refused it, so it did not arrive: back to the queue with the rest, and the whole broadcast waits.
                    var pause = result.RetryAfter ?? TimeSpan.FromSeconds(5);
                    await ReleaseAsync(batch.Skip(i));
                    var until = Now + pause;
                    await db.Broadcasts.Where(b => b.Id == broadcast.Id).ExecuteUpdateAsync(s => s
                        .SetProperty(b => b.PausedUntilUtc, until)
                        .SetProperty(b => b.LastError, $"Telegram попросил подождать {pause.TotalSeconds:0} с (429)."), CancellationToken.None);
                    LogRateLimited(broadcast.Id, pause.TotalSeconds);
                    return;
            }
        }
    }

    /// <summary>A phone-only guest: the promo goes into the outbox as an SMS (quiet hours and the daily cap are the SMS channel's).</summary>
    private async Task QueueSmsAsync(Broadcast broadcast, BroadcastDelivery delivery, Customer? customer)
    {
        if (customer is null || !AudienceQuery.MayGetSmsPromo(customer))
        {
            await RecordAsync(delivery.Id, DeliveryState.Skipped, "Нет согласия на SMS или гость обезличен.");
            return;
        }

        var now = Now;
        var key = $"broadcast:{broadcast.Id}:{customer.Id}";
        if (!await db.Outbox.AnyAsync(m => m.Key == key))
        {
            var text = BroadcastHtml.PlainText(broadcast.TextFor(customer.Language)).Trim();
            db.Outbox.Add(new OutboxMessage
            {
                Key = key,
                Channel = NotificationChannel.Sms,
                Kind = NotificationKind.Promo,
                CustomerId = customer.Id,
                Phone = customer.Phone,
                Text = text.Length > 700 ? text[..700] : text,
                Status = OutboxStatus.Pending,
                NextAttemptAtUtc = now,
                CreatedAtUtc = now,
            });
        }

        var row = await db.BroadcastDeliveries.SingleAsync(d => d.Id == delivery.Id);
        row.State = DeliveryState.Sent;
        row.DoneAtUtc = now;
        row.Error = "Передано в SMS (вне тихих часов).";
        await db.SaveChangesAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        outboxSignal.Pulse();
    }

    private Task RecordAsync(long deliveryId, DeliveryState state, string? error, int? messageId = null)
    {
        var now = Now;
        var text = error is { Length: > 500 } ? error[..500] : error;
        return db.BroadcastDeliveries.Where(d => d.Id == deliveryId).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.State, state)
            .SetProperty(d => d.DoneAtUtc, now)
            .SetProperty(d => d.Error, text)
            .SetProperty(d => d.TelegramMessageId, messageId), CancellationToken.None);
    }

    private async Task RetryLaterAsync(BroadcastDelivery delivery, string? error)
    {
        var text = error is { Length: > 500 } ? error[..500] : error;
        if (delivery.Attempts + 1 >= options.Value.MaxAttempts)
        {
            await RecordAsync(delivery.Id, DeliveryState.Failed, text);
            return;
        }

        await db.BroadcastDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.State, DeliveryState.Pending)
            .SetProperty(d => d.Attempts, d => d.Attempts + 1)
            .SetProperty(d => d.AttemptedAtUtc, (DateTime?)null)
            .SetProperty(d => d.ClaimedBy, (string?)null)
            .SetProperty(d => d.ClaimedUntilUtc, (DateTime?)null)
            .SetProperty(d => d.Error, text), CancellationToken.None);
    }

    /// <summary>Gives claimed, never-attempted rows back to the queue (a pause, a stop).</summary>
    private async Task ReleaseAsync(IEnumerable<BroadcastDelivery> rows)
    {
        var ids = rows.Select(r => r.Id).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        await db.BroadcastDeliveries.Where(d => ids.Contains(d.Id) && d.State == DeliveryState.Claimed).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.State, DeliveryState.Pending)
            .SetProperty(d => d.AttemptedAtUtc, (DateTime?)null)
            .SetProperty(d => d.ClaimedBy, (string?)null)
            .SetProperty(d => d.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>The linked promo or event is over: a broadcast about it is not sent late.</summary>
    private async Task<bool> HasEndedAsync(Broadcast broadcast, CancellationToken ct)
    {
        var now = Now;
        if (broadcast.ButtonKind == BroadcastButtonKind.Book && broadcast.ButtonDate is { } date && date < lounge.BusinessDayOf(now))
        {
            return true;
        }

        if (broadcast.PromotionId is not { } promotionId)
        {
            return false;
        }

        var promo = await db.Promotions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == promotionId, ct);
        return promo is not null && EndOf(promo) is { } end && end <= now;
    }

    /// <summary>When a promo stops being worth announcing: its end, or for an event without one the end of its business day.</summary>
    public DateTime? EndOf(Promotion promo) =>
        promo.EndsAtUtc ?? (promo is { Kind: PromotionKind.Event, StartsAtUtc: { } start } ? lounge.BusinessDayUtc(lounge.BusinessDayOf(start)).EndUtc : null);

    private async Task FinishAsync(int broadcastId, BroadcastStatus status, string? note, CancellationToken ct)
    {
        var now = Now;
        await db.Broadcasts.Where(b => b.Id == broadcastId && (b.Status == BroadcastStatus.Sending || b.Status == BroadcastStatus.Scheduled)).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Status, status)
            .SetProperty(b => b.FinishedAtUtc, now)
            .SetProperty(b => b.UpdatedAtUtc, now)
            .SetProperty(b => b.LastError, b => note ?? b.LastError), ct);
        if (status == BroadcastStatus.Completed)
        {
            LogCompleted(broadcastId);
        }
    }

    private Task NoteAsync(int broadcastId, string note, CancellationToken ct) =>
        db.Broadcasts.Where(b => b.Id == broadcastId).ExecuteUpdateAsync(s => s.SetProperty(b => b.LastError, note), ct);

    [LoggerMessage(LogLevel.Information, "Broadcast {BroadcastId} started for {Recipients} recipients")]
    private partial void LogStarted(int broadcastId, int recipients);

    [LoggerMessage(LogLevel.Information, "Broadcast {BroadcastId} completed")]
    private partial void LogCompleted(int broadcastId);

    [LoggerMessage(LogLevel.Warning, "Broadcast {BroadcastId} expired: its promo or event ended before it could be sent")]
    private partial void LogExpired(int broadcastId);

    [LoggerMessage(LogLevel.Warning, "Broadcast {BroadcastId} rate-limited by Telegram; waiting {Seconds} s")]
    private partial void LogRateLimited(int broadcastId, double seconds);

    [LoggerMessage(LogLevel.Warning, "Broadcast {BroadcastId}: {Requeued} claimed messages back in the queue, {Unknown} in doubt (sender died mid-request)")]
    private partial void LogRecovered(int broadcastId, int requeued, int unknown);
}
