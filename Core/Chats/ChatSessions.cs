using HookahLounge.Core.Data;
using HookahLounge.Core.Visits;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Chats;

/// <summary>Per-chat dialog state and the ledger of handled updates.</summary>
public sealed class ChatSessions(LoungeDbContext db, TimeProvider time, OpenVisitsSeen openVisits)
{
    /// <summary>Chats <see cref="PreloadAsync"/> found without a session in this unit of work.</summary>
    private readonly HashSet<long> _startedAbsent = [];

    public Task<bool> IsProcessedAsync(long updateId, CancellationToken ct = default) =>
        db.ProcessedUpdates.AnyAsync(u => u.UpdateId == updateId, ct);

    /// <summary>Records the update in the same unit of work as the changes it caused.</summary>
    public void MarkProcessed(long updateId) =>
        db.ProcessedUpdates.Add(new ProcessedUpdate { UpdateId = updateId, ProcessedAtUtc = time.GetUtcNow().UtcDateTime });

    /// <summary>
    /// Reads, in the one round trip every update starts with, the guest behind the Telegram user and their chat's session
    /// (into the unit of work, or that there are none), whether the update was handled already, and whether the guest is
    /// at a table (<see cref="OpenVisitsSeen"/>: the main menu shows the table's buttons). What it found absent is not
    /// looked for again: <see cref="GetOrStartAsync"/> starts the session at once, and the caller passes the customer
    /// (or null) to <see cref="Customers.CustomerDirectory.AddOrRefreshTelegram"/>.
    /// </summary>
    public async Task<ChatPreload> PreloadAsync(long chatId, long telegramUserId, long updateId, CancellationToken ct = default)
    {
        // The outer DefaultIfEmpty makes the query return its one row even for a guest never seen, so "handled?" is answered too.
        var row = await (from customer in db.Customers.Where(c => c.TelegramUserId == telegramUserId).DefaultIfEmpty()
                         from session in db.ChatSessions.Where(s => s.ChatId == chatId).DefaultIfEmpty()
                         select new
                         {
                             customer,
                             session,
                             handled = db.ProcessedUpdates.Any(u => u.UpdateId == updateId),
                             atTable = customer != null && db.Visits.Any(v => v.CustomerId == customer.Id && v.ClosedAtUtc == null),
                         })
            .FirstAsync(ct);
        if (row.customer is not null)
        {
            openVisits.Note(row.customer.Id, row.atTable);
        }

        if (row.session is null)
        {
            _startedAbsent.Add(chatId);
        }

        return new ChatPreload(row.handled, row.customer);
    }

    public async Task<ChatSession> GetOrStartAsync(long chatId, string conversation, string initialState, CancellationToken ct = default)
    {
        var session = db.ChatSessions.Local.FirstOrDefault(s => s.ChatId == chatId)
                      ?? (_startedAbsent.Contains(chatId) ? null : await db.ChatSessions.SingleOrDefaultAsync(s => s.ChatId == chatId, ct));
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

/// <summary>What an update's first query found: whether it was handled already, and the guest (null: never seen).</summary>
public sealed record ChatPreload(bool Handled, Customers.Customer? Customer);
