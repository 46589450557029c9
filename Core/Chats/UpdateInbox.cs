using System.Globalization;
using System.Text;
using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Chats;

/// <summary>The webhook's durable inbox: updates Telegram was told we have, until they are handled.</summary>
public sealed class UpdateInbox(LoungeDbContext db, TimeProvider time)
{
    /// <summary>
    /// Stores received updates in one statement; a copy Telegram sends again (or twice in one batch) is stored once.
    /// </summary>
    public Task AddAsync(IReadOnlyList<(long UpdateId, long ChatId, string Json)> updates, CancellationToken ct = default)
    {
        if (updates.Count == 0)
        {
            return Task.CompletedTask;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (db.IsPostgres)
        {
            // Arrays keep the statement's text the same whatever the batch size, so PostgreSQL prepares it once.
            long[] ids = [.. updates.Select(u => u.UpdateId)];
            long[] chats = [.. updates.Select(u => u.ChatId)];
            string[] bodies = [.. updates.Select(u => u.Json)];
            return db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "BotInbox" ("UpdateId", "ChatId", "Json", "ReceivedAtUtc")
                SELECT u.id, u.chat, u.body, {now} FROM unnest({ids}, {chats}, {bodies}) AS u(id, chat, body)
                ON CONFLICT DO NOTHING
                """,
                ct);
        }

        var sql = new StringBuilder("""INSERT INTO "BotInbox" ("UpdateId", "ChatId", "Json", "ReceivedAtUtc") VALUES """);
        var values = new List<object>(1 + (updates.Count * 3)) { now };
        foreach (var (updateId, chatId, json) in updates)
        {
            sql.Append(CultureInfo.InvariantCulture, $"({{{values.Count}}}, {{{values.Count + 1}}}, {{{values.Count + 2}}}, {{0}}),");
            values.Add(updateId);
            values.Add(chatId);
            values.Add(json);
        }

        sql.Length--;
        sql.Append(" ON CONFLICT DO NOTHING");
        return db.Database.ExecuteSqlRawAsync(sql.ToString(), values, ct);
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
