using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Promotions;

/// <summary>What guests are offered now: standing promos and events that have not ended.</summary>
public sealed class PromotionBoard(LoungeDbContext db, TimeProvider time)
{
    public async Task<List<Promotion>> CurrentAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var items = await db.Promotions.AsNoTracking()
            .Where(p => p.IsPublished && (p.EndsAtUtc == null || p.EndsAtUtc > now))
            .ToListAsync(ct);

        // Promos first, then events soonest first.
        return [.. items.OrderBy(p => p.Kind).ThenBy(p => p.StartsAtUtc ?? DateTime.MinValue).ThenBy(p => p.Id)];
    }
}
