using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Chats;

/// <summary>Per-chat dialog state and the ledger of handled updates.</summary>
public sealed class ChatSessions(LoungeDbContext db, TimeProvider time)
{
    public Task<bool> IsProcessedAsync(long updateId, CancellationToken ct = default) =>
        db.ProcessedUpdates.AnyAsync(u => u.UpdateId == updateId, ct);

    /// <summary>Records the update in the same unit of work as the changes it caused.</summary>
    public void MarkProcessed(long updateId) =>
        db.ProcessedUpdates.Add(new ProcessedUpdate { UpdateId = updateId, ProcessedAtUtc = time.GetUtcNow().UtcDateTime });

    /// <summary>
    /// Loads a known guest and their chat's session in one round trip, into the unit of work, so that
    /// <see cref="Customers.CustomerDirectory.FindOrAddTelegramAsync"/> and <see cref="GetOrStartAsync"/> find them
    /// without asking the database again. A guest seen for the first time loads nothing.
    /// </summary>
    public async Task PreloadAsync(long chatId, long telegramUserId, CancellationToken ct = default) =>
        await (from customer in db.Customers.Where(c => c.TelegramUserId == telegramUserId)
               from session in db.ChatSessions.Where(s => s.ChatId == chatId).DefaultIfEmpty()
               select new { customer, session })
            .FirstOrDefaultAsync(ct);

    public async Task<ChatSession> GetOrStartAsync(long chatId, string conversation, string initialState, CancellationToken ct = default)
    {
        var session = db.ChatSessions.Local.FirstOrDefault(s => s.ChatId == chatId)
                      ?? await db.ChatSessions.SingleOrDefaultAsync(s => s.ChatId == chatId, ct);
        if (session is not null)
        {
            return session;
        }

        session = new ChatSession
        {
            ChatId = chatId,
            Conversation = conversation,
            State = initialState,
            UpdatedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        db.ChatSessions.Add(session);
        return session;
    }

    /// <summary>Marks the session as changed by this update; the version check rejects a concurrent writer.</summary>
    public void Touch(ChatSession session)
    {
        session.Version++;
        session.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
    }

    /// <summary>
    /// Serialises work on one chat across hosts for the rest of the transaction (PostgreSQL advisory lock).
    /// On SQLite the single writer already serialises it.
    /// </summary>
    public async Task LockChatAsync(long chatId, CancellationToken ct = default)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({chatId})", ct);
        }
    }

    /// <summary>Forgets where a chat's dialog was (the guest starts over); the guest's record and history stay.</summary>
    public Task<int> ResetAsync(long chatId, CancellationToken ct = default) =>
        db.ChatSessions.Where(s => s.ChatId == chatId).ExecuteDeleteAsync(ct);

    /// <summary>
    /// Locks the chat for the rest of the transaction (PostgreSQL) and records the update as handled, in one round
    /// trip; false when it was handled already. Rolled back with the transaction when the work fails.
    /// </summary>
    public async Task<bool> ClaimAsync(long updateId, long chatId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var inserted = db.IsPostgres
            ? await db.Database.ExecuteSqlAsync(
                $"""WITH chat AS (SELECT pg_advisory_xact_lock({chatId})) INSERT INTO "ProcessedUpdates" ("UpdateId", "ProcessedAtUtc") SELECT {updateId}, {now} FROM chat ON CONFLICT DO NOTHING""",
                ct)
            : await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "ProcessedUpdates" ("UpdateId", "ProcessedAtUtc") VALUES ({updateId}, {now}) ON CONFLICT DO NOTHING""",
                ct);
        return inserted == 1;
    }

    public Task<ChatSession?> FindAsync(long chatId, CancellationToken ct = default) =>
        db.ChatSessions.AsNoTracking().SingleOrDefaultAsync(s => s.ChatId == chatId, ct);

    public Task<int> PruneProcessedAsync(TimeSpan olderThan, CancellationToken ct = default)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - olderThan;
        return db.ProcessedUpdates.Where(u => u.ProcessedAtUtc < cutoff).ExecuteDeleteAsync(ct);
    }
}
