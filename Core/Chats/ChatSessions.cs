using HookahLounge.Core.Data;
using HookahLounge.Core.Visits;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Chats;

/// <summary>Per-chat dialog state and the ledger of handled updates.</summary>
public sealed class ChatSessions(LoungeDbContext db, TimeProvider time, OpenVisitsSeen openVisits)
{
    public Task<bool> IsProcessedAsync(long updateId, CancellationToken ct = default) =>
        db.ProcessedUpdates.AnyAsync(u => u.UpdateId == updateId, ct);

    /// <summary>Records the update in the same unit of work as the changes it caused.</summary>
    public void MarkProcessed(long updateId) =>
        db.ProcessedUpdates.Add(new ProcessedUpdate { UpdateId = updateId, ProcessedAtUtc = time.GetUtcNow().UtcDateTime });

    /// <summary>
    /// Loads a known guest and their chat's session into the unit of work, so that
    /// <see cref="Customers.CustomerDirectory.FindOrAddTelegramAsync"/> and <see cref="GetOrStartAsync"/> find them
    /// without asking the database again, and tells in the same round trip whether the update was handled already
    /// and whether the guest is at a table (<see cref="OpenVisitsSeen"/>: the main menu shows the table's buttons).
    /// A guest seen for the first time loads nothing and costs one more query.
    /// </summary>
    /// <returns>True when the update was handled already.</returns>
    public async Task<bool> PreloadAsync(long chatId, long telegramUserId, long updateId, CancellationToken ct = default)
    {
        var known = await (from customer in db.Customers.Where(c => c.TelegramUserId == telegramUserId)
                           from session in db.ChatSessions.Where(s => s.ChatId == chatId).DefaultIfEmpty()
                           select new
                           {
                               customer,
                               session,
                               handled = db.ProcessedUpdates.Any(u => u.UpdateId == updateId),
                               atTable = db.Visits.Any(v => v.CustomerId == customer.Id && v.ClosedAtUtc == null),
                           })
            .FirstOrDefaultAsync(ct);
        if (known is null)
        {
            return await IsProcessedAsync(updateId, ct);
        }

        openVisits.Note(known.customer.Id, known.atTable);
        return known.handled;
    }

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

    /// <summary>
    /// Marks the session as written by this update. The version check then rejects the save if another handler
    /// wrote the chat since it was read (updates are handled optimistically, without a lock), and the update runs again.
    /// </summary>
    public void Touch(ChatSession session)
    {
        session.Version++;
        session.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
    }

    /// <summary>Forgets where a chat's dialog was (the guest starts over); the guest's record and history stay.</summary>
    public Task<int> ResetAsync(long chatId, CancellationToken ct = default) =>
        db.ChatSessions.Where(s => s.ChatId == chatId).ExecuteDeleteAsync(ct);

    public Task<ChatSession?> FindAsync(long chatId, CancellationToken ct = default) =>
        db.ChatSessions.AsNoTracking().SingleOrDefaultAsync(s => s.ChatId == chatId, ct);

    public Task<int> PruneProcessedAsync(TimeSpan olderThan, CancellationToken ct = default)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - olderThan;
        return db.ProcessedUpdates.Where(u => u.ProcessedAtUtc < cutoff).ExecuteDeleteAsync(ct);
    }
}
