using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Menu;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Orders;

/// <summary>
/// Records that a guest met the stop-list: the one place every front end reports it, from the menu
/// (a tap on a sold-out item or value) and from checkout (<see cref="OrderService.PlaceAsync"/>).
/// It decides itself what was unavailable, so a front end only says what the guest wanted.
/// </summary>
public sealed class StopListMisses(LoungeDbContext db, LoungeProfile lounge)
{
    /// <summary>
    /// Records the sold-out parts of a choice: the item when it is on the stop-list, else each chosen value that
    /// is. A guest's miss of the same thing on the same business day is recorded once. Returns how many were new.
    /// </summary>
    public async Task<int> RecordAsync(int customerId, MenuItem item, IEnumerable<int> chosenValueIds, StopListStage stage, CancellationToken ct = default)
    {
        var values = item.OptionGroups.SelectMany(g => g.Values.Select(v => (Group: g, Value: v))).ToDictionary(x => x.Value.Id);
        var missed = item.IsAvailable
            ? [.. chosenValueIds.Distinct().Where(id => values.TryGetValue(id, out var x) && !x.Value.IsAvailable)
                .Select(id => ((int?)id, (string?)$"{values[id].Group.Name}: {values[id].Value.Name}"))]
            : new List<(int?, string?)> { (null, null) };
        if (missed.Count == 0)
        {
            return 0;
        }

        var now = lounge.UtcNow;
        var today = lounge.BusinessDayOf(now);
        var known = await db.StopListMisses.AsNoTracking()
            .Where(m => m.CustomerId == customerId && m.BusinessDate == today && m.MenuItemId == item.Id)
            .Select(m => m.OptionValueId).ToListAsync(ct);
        var added = 0;
        foreach (var (valueId, optionName) in missed.Where(m => !known.Contains(m.Item1)))
        {
            db.StopListMisses.Add(new StopListMiss
            {
                CustomerId = customerId,
                MenuItemId = item.Id,
                ItemName = item.Name,
                OptionValueId = valueId,
                OptionName = optionName,
                Stage = stage,
                BusinessDate = today,
                AtUtc = now,
            });
            added++;
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return added;
    }
}
