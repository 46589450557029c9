using System.ComponentModel.DataAnnotations;
using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HookahLounge.Core.Bookings;

/// <summary>Section "Floor": how the host's floor plan reads the room.</summary>
public sealed class FloorOptions
{
    public const string Section = "Floor";

    /// <summary>A table whose next booking starts within this many minutes shows as "booked soon".</summary>
    [Range(5, 24 * 60)]
    public int BookedSoonMinutes { get; set; } = 60;
}

/// <summary>What a table is doing now, most urgent first when several apply.</summary>
public enum TableState
{
    Free = 0,
    BookedSoon = 1,
    Seated = 2,
    Calling = 3,
}

/// <summary>One table right now: its state, who sits there, who comes next, and an open call from it.</summary>
public sealed record TableNow(LoungeTable Table, TableState State, Booking? Seated, Booking? Next, ServiceCall? Call, bool VisitOpen);

/// <summary>
/// The live floor for the host: each active table is free, booked soon, seated (a seated booking or an open QR
/// visit) or calling (an open service call from the table's visit).
/// </summary>
public sealed class FloorStatus(LoungeDbContext db, LoungeProfile lounge, IOptions<FloorOptions> options)
{
    public async Task<IReadOnlyList<TableNow>> NowAsync(CancellationToken ct = default)
    {
        var now = lounge.UtcNow;
        var soon = now.AddMinutes(options.Value.BookedSoonMinutes);
        var tables = await db.Tables.AsNoTracking().Include(t => t.Zone).Where(t => t.IsActive).ToListAsync(ct);
        var bookings = await db.Bookings.AsNoTracking().Include(b => b.Customer)
            .Where(b => b.TableId != null && Booking.Holding.Contains(b.Status) && b.StartUtc < soon && b.EndUtc > now)
            .OrderBy(b => b.StartUtc).ToListAsync(ct);
        var seatedLate = await db.Bookings.AsNoTracking().Include(b => b.Customer)
            .Where(b => b.TableId != null && b.Status == BookingStatus.Seated && b.EndUtc <= now && b.StartUtc > now.AddHours(-12))
            .ToListAsync(ct);
        var visits = await db.Visits.AsNoTracking().Where(v => v.ClosedAtUtc == null).Select(v => v.TableId).ToListAsync(ct);
        var calls = await db.ServiceCalls.AsNoTracking().Include(c => c.Visit)
            .Where(c => c.Status != ServiceCallStatus.Done && c.Visit!.ClosedAtUtc == null)
            .OrderBy(c => c.CreatedAtUtc).ToListAsync(ct);

        return [.. tables.OrderBy(t => t.Zone!.SortOrder).ThenBy(t => t.ZoneId).ThenBy(t => t.Number).Select(table =>
        {
            var seated = bookings.Concat(seatedLate).FirstOrDefault(b => b.TableId == table.Id && b.Status == BookingStatus.Seated);
            var next = bookings.FirstOrDefault(b => b.TableId == table.Id && b.Status is BookingStatus.New or BookingStatus.Confirmed);
            var call = calls.FirstOrDefault(c => c.Visit!.TableId == table.Id);
            var visitOpen = visits.Contains(table.Id);
            var state = call is not null ? TableState.Calling
                : seated is not null || visitOpen ? TableState.Seated
                : next is not null ? TableState.BookedSoon
                : TableState.Free;
            return new TableNow(table, state, seated, next, call, visitOpen);
        })];
    }
}
