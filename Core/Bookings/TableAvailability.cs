using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Bookings;

/// <summary>A start time that has at least one free table that fits, smallest first.</summary>
public sealed record BookingSlot(DateTime LocalStart, DateTime StartUtc, DateTime EndUtc, IReadOnlyList<LoungeTable> FreeTables);

/// <summary>
/// Which tables are free when. Times are generated on the lounge's local clock within the session of a
/// business date (which may run past midnight) and compared as UTC instants, so DST shifts are handled.
/// </summary>
public sealed class TableAvailability(LoungeDbContext db, LoungeProfile lounge)
{
    /// <summary>
    /// Staff may write down a guest who sat down a little while ago; anything earlier is a slip of the
    /// date or the time (and would text the guest about a night that is over).
    /// </summary>
    public const int StaffBackdateMinutes = 15;

    /// <summary>
    /// The dates a guest may pick, with whether the lounge is open on each. They start at the business day a guest
    /// can still book: at 01:16 after a night that closes at 02:00 that night's last seating is gone, so the list
    /// starts at the new date instead of offering a night with no time left.
    /// </summary>
    public IReadOnlyList<(DateOnly Date, bool Open)> BookableDates(BookingSettings settings, int maxDays)
    {
        var today = lounge.BusinessToday;
        var days = Math.Min(maxDays, settings.HorizonDays + 1);
        return [.. Enumerable.Range(0, days).Select(i => today.AddDays(i))
            .Where(d => d != today || !NightIsOverForGuests(settings, d))
            .Select(d => (d, lounge.Hours.SessionOn(d) is not null))];
    }

    /// <summary>True once even the shortest visit can no longer start within the date's session under the lead time.</summary>
    private bool NightIsOverForGuests(BookingSettings settings, DateOnly date)
    {
        if (lounge.Hours.SessionOn(date) is not var (_, closes))
        {
            return false;
        }

        var lastStart = closes.AddMinutes(-Math.Max(settings.LastSeatingBeforeCloseMinutes, settings.MinDurationMinutes));
        return lounge.UtcNow.AddMinutes(settings.MinLeadMinutes) > lounge.ToUtc(lastStart);
    }

    /// <summary>The local start instant of a time on a business date: after midnight means the next calendar day.</summary>
    public DateTime? LocalStartOn(DateOnly date, TimeOnly time)
    {
        if (lounge.Hours.ForDate(date) is not { } hours)
        {
            return null;
        }

        return hours.CrossesMidnight && time < hours.Opens ? date.AddDays(1).ToDateTime(time) : date.ToDateTime(time);
    }

    /// <summary>Why a start cannot be booked by a guest, or null when it can (tables aside).</summary>
    public BookingError? CheckTime(BookingSettings settings, DateOnly date, DateTime localStart, int durationMinutes, bool guestRules)
    {
        if (lounge.Hours.SessionOn(date) is not var (opens, closes))
        {
            return BookingError.Closed;
        }

        if (lounge.TimeZone.IsInvalidTime(localStart))
        {
            return BookingError.OutsideHours;
        }

        var startUtc = lounge.ToUtc(localStart);
        var endUtc = startUtc.AddMinutes(durationMinutes);
        if (localStart < opens || endUtc > lounge.ToUtc(closes) || localStart > closes.AddMinutes(-settings.LastSeatingBeforeCloseMinutes))
        {
            return BookingError.OutsideHours;
        }

        if (guestRules && startUtc < lounge.UtcNow.AddMinutes(settings.MinLeadMinutes))
        {
            return BookingError.TooSoon;
        }

        if (!guestRules && startUtc < lounge.UtcNow.AddMinutes(-StaffBackdateMinutes))
        {
            return BookingError.InPast;
        }

        if (guestRules && date > lounge.BusinessToday.AddDays(settings.HorizonDays))
        {
            return BookingError.TooFarAhead;
        }

        return null;
    }

    /// <summary>Every start on the date's grid that has a fitting free table.</summary>
    public async Task<IReadOnlyList<BookingSlot>> SlotsAsync(
        BookingSettings settings, DateOnly date, int partySize, int durationMinutes, int? zoneId = null, int? excludeBookingId = null, bool guestRules = true, CancellationToken ct = default)
    {
        if (lounge.Hours.SessionOn(date) is not var (opens, closes))
        {
            return [];
        }

        var (tables, busy) = await FittingTablesWithBookingsAsync(partySize, zoneId, lounge.ToUtc(opens), lounge.ToUtc(closes), excludeBookingId, ct);
        if (tables.Count == 0)
        {
            return [];
        }

        var slots = new List<BookingSlot>();
        for (var local = opens; local <= closes; local = local.AddMinutes(settings.SlotStepMinutes))
        {
            if (CheckTime(settings, date, local, durationMinutes, guestRules) is not null)
            {
                continue;
            }

            var startUtc = lounge.ToUtc(local);
            var endUtc = startUtc.AddMinutes(durationMinutes);
            var free = tables.Where(t => !busy.Any(b => b.TableId == t.Id && b.StartUtc < endUtc && startUtc < b.EndUtc)).ToList();
            if (free.Count > 0)
            {
                slots.Add(new BookingSlot(local, startUtc, endUtc, free));
            }
        }

        return slots;
    }

    /// <summary>
    /// <see cref="FittingTablesAsync"/> and <see cref="BusyAsync"/> in one query: the fitting tables, each with its
    /// bookings in the window. The booking page asks this on every view.
    /// </summary>
    private async Task<(List<LoungeTable> Tables, List<(int TableId, DateTime StartUtc, DateTime EndUtc)> Busy)> FittingTablesWithBookingsAsync(
        int partySize, int? zoneId, DateTime fromUtc, DateTime toUtc, int? excludeBookingId, CancellationToken ct)
    {
        var rows = await db.Tables.AsNoTracking()
            .Where(t => t.IsActive && t.SeatsMin <= partySize && t.SeatsMax >= partySize && (zoneId == null || t.ZoneId == zoneId))
            .Select(t => new
            {
                Table = t,
                t.Zone,
                Busy = db.Bookings
                    .Where(b => b.TableId == t.Id
                                && (b.Status == BookingStatus.New || b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Seated)
                                && b.StartUtc < toUtc && fromUtc < b.EndUtc
                                && (excludeBookingId == null || b.Id != excludeBookingId))
                    .Select(b => new { b.StartUtc, b.EndUtc })
                    .ToList(),
            })
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            row.Table.Zone = row.Zone;
        }

        List<LoungeTable> tables = [.. rows.Select(r => r.Table).OrderBy(t => t.SeatsMax).ThenByDescending(t => t.SeatsMin).ThenBy(t => t.Zone!.SortOrder).ThenBy(t => t.Number)];
        return (tables, [.. rows.SelectMany(r => r.Busy.Select(b => (r.Table.Id, b.StartUtc, b.EndUtc)))]);
    }

    /// <summary>Active tables that seat the party, smallest first, so big tables stay free for big parties.</summary>
    public async Task<List<LoungeTable>> FittingTablesAsync(int partySize, int? zoneId, CancellationToken ct)
    {
        var tables = await db.Tables.AsNoTracking()
            .Where(t => t.IsActive && t.SeatsMin <= partySize && t.SeatsMax >= partySize && (zoneId == null || t.ZoneId == zoneId))
            .Include(t => t.Zone)
            .ToListAsync(ct);
        return [.. tables.OrderBy(t => t.SeatsMax).ThenByDescending(t => t.SeatsMin).ThenBy(t => t.Zone!.SortOrder).ThenBy(t => t.Number)];
    }

    /// <summary>Bookings that hold one of the tables at some point in [fromUtc, toUtc).</summary>
    public Task<List<Booking>> BusyAsync(IReadOnlyCollection<int> tableIds, DateTime fromUtc, DateTime toUtc, int? excludeBookingId, CancellationToken ct) =>
        db.Bookings.AsNoTracking()
            .Where(b => b.TableId != null && tableIds.Contains(b.TableId.Value)
                        && (b.Status == BookingStatus.New || b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Seated)
                        && b.StartUtc < toUtc && fromUtc < b.EndUtc
                        && (excludeBookingId == null || b.Id != excludeBookingId))
            .ToListAsync(ct);
}
