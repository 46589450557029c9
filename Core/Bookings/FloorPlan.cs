using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Bookings;

public enum FloorPlanError
{
    None,
    NameMissing,
    NumberTaken,
    BadSeats,
    ZoneMissing,
    NotFound,
}

/// <summary>Zones and tables as staff edit them. Tables are switched off rather than deleted, so past bookings keep them.</summary>
public sealed class FloorPlan(LoungeDbContext db)
{
    /// <summary>The numbers of the tables in service, for a guest choosing where an order goes.</summary>
    public Task<List<int>> ActiveTableNumbersAsync(CancellationToken ct = default) =>
        db.Tables.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Number).Select(t => t.Number).ToListAsync(ct);

    public Task<string?> ZoneNameAsync(int zoneId, CancellationToken ct = default) =>
        db.Zones.AsNoTracking().Where(z => z.Id == zoneId).Select(z => z.Name).SingleOrDefaultAsync(ct);

    public Task<int?> TableNumberAsync(int tableId, CancellationToken ct = default) =>
        db.Tables.AsNoTracking().Where(t => t.Id == tableId).Select(t => (int?)t.Number).SingleOrDefaultAsync(ct);

    public Task<List<Zone>> ZonesAsync(CancellationToken ct = default) =>
        db.Zones.AsNoTracking().OrderBy(z => z.SortOrder).ThenBy(z => z.Id).Include(z => z.Tables.OrderBy(t => t.Number)).ToListAsync(ct);

    public async Task<FloorPlanError> SaveZoneAsync(int? id, string? name, string? description, int sortOrder, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return FloorPlanError.NameMissing;
        }

        var zone = id is { } zoneId ? await db.Zones.FindAsync([zoneId], ct) : new Zone { Name = "" };
        if (zone is null)
        {
            return FloorPlanError.NotFound;
        }

        zone.Name = name.Trim();
        zone.Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        zone.SortOrder = sortOrder;
        if (id is null)
        {
            db.Zones.Add(zone);
        }

        await db.SaveChangesAsync(ct);
        return FloorPlanError.None;
    }

    public async Task<FloorPlanError> SaveTableAsync(int? id, int number, int zoneId, int seatsMin, int seatsMax, bool isActive, CancellationToken ct = default)
    {
        if (number < 1 || seatsMin < 1 || seatsMax < seatsMin || seatsMax > 100)
        {
            return FloorPlanError.BadSeats;
        }

        if (!await db.Zones.AnyAsync(z => z.Id == zoneId, ct))
        {
            return FloorPlanError.ZoneMissing;
        }

        if (await db.Tables.AnyAsync(t => t.Number == number && t.Id != id, ct))
        {
            return FloorPlanError.NumberTaken;
        }

        var table = id is { } tableId ? await db.Tables.FindAsync([tableId], ct) : new LoungeTable();
        if (table is null)
        {
            return FloorPlanError.NotFound;
        }

        table.Number = number;
        table.ZoneId = zoneId;
        table.SeatsMin = seatsMin;
        table.SeatsMax = seatsMax;
        table.IsActive = isActive;
        if (id is null)
        {
            db.Tables.Add(table);
        }

        await db.SaveChangesAsync(ct);
        return FloorPlanError.None;
    }
}
