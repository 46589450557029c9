using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Audit;

public sealed record AuditFilter(AuditArea? Area = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null, int Limit = 200);

/// <summary>Reading the audit log: newest first, narrowed by area, staff member and business days.</summary>
public sealed class AuditLog(LoungeDbContext db, LoungeProfile lounge)
{
    public Task<List<AuditEntry>> SearchAsync(AuditFilter filter, CancellationToken ct = default)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.Area is { } area)
        {
            query = query.Where(a => a.Area == area);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim().ToLowerInvariant();
            query = query.Where(a => a.Actor == actor);
        }

        if (filter.From is { } from)
        {
            var start = lounge.BusinessDayUtc(from).StartUtc;
            query = query.Where(a => a.AtUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = lounge.BusinessDayUtc(to).EndUtc;
            query = query.Where(a => a.AtUtc < end);
        }

        return query.OrderByDescending(a => a.Id).Take(Math.Clamp(filter.Limit, 1, 1000)).ToListAsync(ct);
    }

    /// <summary>Everyone who appears in the log, for the filter's list.</summary>
    public Task<List<string>> ActorsAsync(CancellationToken ct = default) =>
        db.AuditEntries.AsNoTracking().Select(a => a.Actor).Distinct().OrderBy(a => a).ToListAsync(ct);
}
