using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Chats;

/// <summary>The webhook's durable inbox: updates Telegram was told we have, until they are handled.</summary>
public sealed class UpdateInbox(LoungeDbContext db, TimeProvider time)
{
    /// <summary>Stores the update; a copy Telegram sends again is already there and changes nothing.</summary>
    public Task AddAsync(long updateId, long chatId, string json, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "BotInbox" ("UpdateId", "ChatId", "Json", "ReceivedAtUtc") VALUES ({updateId}, {chatId}, {json}, {now}) ON CONFLICT DO NOTHING""",
            ct);
    }

    /// <summary>The oldest waiting updates, in update_id order, leaving out those already being handled.</summary>
    public Task<List<InboxUpdate>> PendingAsync(int limit, IReadOnlyCollection<long> inFlight, CancellationToken ct = default) =>
        db.BotInbox.AsNoTracking()
            .Where(u => !inFlight.Contains(u.UpdateId))
            .OrderBy(u => u.UpdateId)
            .Take(limit)
            .ToListAsync(ct);

    public Task RemoveAsync(IReadOnlyCollection<long> updateIds, CancellationToken ct = default) =>
        db.BotInbox.Where(u => updateIds.Contains(u.UpdateId)).ExecuteDeleteAsync(ct);

    public Task<int> CountAsync(CancellationToken ct = default) => db.BotInbox.CountAsync(ct);
}
