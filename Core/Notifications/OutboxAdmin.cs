using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Notifications;

/// <summary>What staff see of the outbox, and the manual retry.</summary>
public sealed class OutboxAdmin(LoungeDbContext db, OutboxSignal signal, TimeProvider time)
{
    public Task<List<OutboxMessage>> RecentAsync(OutboxStatus? status, int take = 200, CancellationToken ct = default) =>
        db.Outbox.AsNoTracking()
            .Where(m => status == null || m.Status == status)
            .OrderByDescending(m => m.Id)
            .Take(take)
            .ToListAsync(ct);

    public async Task<Dictionary<OutboxStatus, int>> CountsAsync(CancellationToken ct = default) =>
        (await db.Outbox.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
        .ToDictionary(x => x.Key, x => x.Count);

    /// <summary>Puts a failed or skipped message back in the queue with fresh attempts; sent ones stay sent.</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken ct = default)
    {
        var message = await db.Outbox.FindAsync([id], ct);
        if (message is null || message.Status is OutboxStatus.Sent or OutboxStatus.Pending)
        {
            return false;
        }

        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        signal.Pulse();
        return true;
    }
}
