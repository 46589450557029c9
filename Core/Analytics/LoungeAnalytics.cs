using System.Globalization;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Visits;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Analytics;

/// <summary>Business dates, both ends included; a date's night runs past midnight to the business day's cut-off.</summary>
public sealed record AnalyticsRange(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The last <paramref name="days"/> business days up to <paramref name="today"/>.</summary>
    public static AnalyticsRange Last(int days, DateOnly today) => new(today.AddDays(1 - days), today);

    /// <summary>Parses "yyyy-MM-dd" ends, falling back to the last 30 days and keeping the span within two years.</summary>
    public static AnalyticsRange Parse(string? from, string? to, DateOnly today)
    {
        var end = TryDate(to) ?? today;
        var start = TryDate(from) ?? end.AddDays(-29);
        if (start > end)
        {
            (start, end) = (end, start);
        }

        return new(start.DayNumber < end.DayNumber - 730 ? end.AddDays(-730) : start, end);
    }

    private static DateOnly? TryDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

public sealed record PeriodFigures(string Label, int Orders, decimal Revenue)
{
    public decimal AverageCheck => Orders == 0 ? 0 : decimal.Round(Revenue / Orders, 2);
}

public sealed record ItemFigures(string Name, int Quantity, decimal Revenue);

public sealed record OptionFigures(string Group, string Value, int Quantity);

public sealed record OrdersReport(
    AnalyticsRange Range,
    PeriodFigures Total,
    IReadOnlyList<PeriodFigures> Days,
    IReadOnlyList<PeriodFigures> Weeks,
    IReadOnlyList<PeriodFigures> ByType,
    IReadOnlyList<ItemFigures> TopItems,
    IReadOnlyList<OptionFigures> TopOptions);

public sealed record GuestSpend(int CustomerId, string Name, int Orders, decimal Spent);

public sealed record GuestsReport(AnalyticsRange Range, int Active, int New, int Returning, int Repeat, IReadOnlyList<GuestSpend> TopGuests)
{
    /// <summary>Share of the period's guests who ordered more than once in it.</summary>
    public double RepeatRate => Active == 0 ? 0 : (double)Repeat / Active;
}

public sealed record SourceFigures(BookingSource Source, int Bookings, int Cancelled, int NoShows);

public sealed record ServiceCallFigures(ServiceCallKind Kind, int Calls, int Accepted, TimeSpan? AverageToAccept, TimeSpan? LongestToAccept);

public sealed record BookingsReport(
    AnalyticsRange Range,
    int Bookings,
    int Cancelled,
    int NoShows,
    IReadOnlyList<SourceFigures> BySource,
    IReadOnlyList<int> HeatmapHours,
    int[,] Heatmap,
    IReadOnlyList<ServiceCallFigures> ServiceCalls)
{
    public double CancellationRate => Bookings == 0 ? 0 : (double)Cancelled / Bookings;

    public double NoShowRate => Bookings == 0 ? 0 : (double)NoShows / Bookings;
}

/// <summary>
/// The owner's numbers over a range of business days. Counting happens in the database, grouped by UTC
/// date and hour (a few thousand rows a year at most); each bucket is then placed on its local business
/// day and hour with the lounge's time zone, so nights past midnight and DST changes land where they belong.
/// Revenue counts every order except declined and cancelled ones.
/// </summary>
public sealed class LoungeAnalytics(LoungeDbContext db, LoungeProfile lounge)
{
    public (DateTime FromUtc, DateTime ToUtc) Bounds(AnalyticsRange range) =>
        (lounge.BusinessDayUtc(range.From).StartUtc, lounge.BusinessDayUtc(range.To).EndUtc);

    private IQueryable<Order> Counted(AnalyticsRange range)
    {
        var (fromUtc, toUtc) = Bounds(range);
        return db.Orders.Where(o => o.CreatedAtUtc >= fromUtc && o.CreatedAtUtc < toUtc
                                    && o.Status != OrderStatus.Declined && o.Status != OrderStatus.Cancelled);
    }

    /// <summary>The business date a UTC instant belongs to.</summary>
    public DateOnly BusinessDateOf(DateTime utc) =>
        DateOnly.FromDateTime(lounge.ToLocal(utc) - lounge.Options.BusinessDayStartsAt);

    public async Task<OrdersReport> OrdersAsync(AnalyticsRange range, CancellationToken ct = default)
    {
        var orders = Counted(range);
        var buckets = await orders
            .GroupBy(o => new { Day = o.CreatedAtUtc.Date, o.CreatedAtUtc.Hour, o.Type })
            .Select(g => new { g.Key.Day, g.Key.Hour, g.Key.Type, Orders = g.Count(), Revenue = g.Sum(o => o.Total) })
            .ToListAsync(ct);
        var placed = buckets.Select(b => new
        {
            Date = BusinessDateOf(DateTime.SpecifyKind(b.Day, DateTimeKind.Utc).AddHours(b.Hour)),
            b.Type,
            b.Orders,
            b.Revenue,
        }).ToList();

        var days = new List<PeriodFigures>();
        for (var date = range.From; date <= range.To; date = date.AddDays(1))
        {
            var of = placed.Where(p => p.Date == date).ToList();
            days.Add(new(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), of.Sum(p => p.Orders), of.Sum(p => p.Revenue)));
        }

        var weeks = placed.GroupBy(p => WeekStart(p.Date))
            .Select(g => new PeriodFigures(g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), g.Sum(p => p.Orders), g.Sum(p => p.Revenue)))
            .OrderBy(w => w.Label, StringComparer.Ordinal).ToList();
        var byType = Enum.GetValues<OrderType>()
            .Select(t => new PeriodFigures(t.ToString(), placed.Where(p => p.Type == t).Sum(p => p.Orders), placed.Where(p => p.Type == t).Sum(p => p.Revenue)))
            .ToList();

        var lines = db.OrderLines.Where(l => orders.Any(o => o.Id == l.OrderId));
        var items = await lines.GroupBy(l => l.ItemName)
            .Select(g => new { Name = g.Key, Quantity = g.Sum(l => l.Quantity), Revenue = g.Sum(l => l.UnitPrice * l.Quantity) })
            .OrderByDescending(x => x.Quantity).ThenBy(x => x.Name).Take(10).ToListAsync(ct);

        // Chosen options are kept as ids per line ("3,7,12"): count each combination in SQL, split here.
        var combos = await lines.Where(l => l.OptionValueIds != null).GroupBy(l => l.OptionValueIds!)
            .Select(g => new { Ids = g.Key, Quantity = g.Sum(l => l.Quantity) })
            .OrderByDescending(x => x.Quantity).Take(2000).ToListAsync(ct);
        var perValue = new Dictionary<int, int>();
        foreach (var combo in combos)
        {
            foreach (var part in combo.Ids.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                {
                    perValue[id] = perValue.GetValueOrDefault(id) + combo.Quantity;
                }
            }
        }

        var ids = perValue.Keys.ToList();
        var values = await db.MenuOptionValues.AsNoTracking().Where(v => ids.Contains(v.Id))
            .Join(db.MenuOptionGroups, v => v.OptionGroupId, g => g.Id, (v, g) => new { v.Id, v.Name, Group = g.Name })
            .ToListAsync(ct);
        var options = values
            .GroupBy(v => (Group: GroupName(v.Group), v.Name))
            .Select(g => new OptionFigures(g.Key.Group, g.Key.Name, g.Sum(v => perValue[v.Id])))
            .GroupBy(o => o.Group)
            .SelectMany(g => g.OrderByDescending(o => o.Quantity).ThenBy(o => o.Value, StringComparer.Ordinal).Take(10))
            .OrderBy(o => o.Group, StringComparer.Ordinal).ThenByDescending(o => o.Quantity)
            .ToList();

        return new OrdersReport(
            range,
            new PeriodFigures("Итого", placed.Sum(p => p.Orders), placed.Sum(p => p.Revenue)),
            days,
            weeks,
            byType,
            [.. items.Select(i => new ItemFigures(i.Name, i.Quantity, i.Revenue))],
            options);
    }

    /// <summary>"Вкусы (до 3)" and "Вкусы" are one group in the figures.</summary>
    private static string GroupName(string name) => name.Split('(')[0].Trim();

    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public async Task<GuestsReport> GuestsAsync(AnalyticsRange range, CancellationToken ct = default)
    {
        var (fromUtc, _) = Bounds(range);
        var active = Counted(range).GroupBy(o => o.CustomerId)
            .Select(g => new { CustomerId = g.Key, Orders = g.Count(), Spent = g.Sum(o => o.Total) });
        var activeCount = await active.CountAsync(ct);
        var repeat = await active.CountAsync(a => a.Orders >= 2, ct);
        var earlier = await active.CountAsync(a => db.Orders.Any(o => o.CustomerId == a.CustomerId && o.CreatedAtUtc < fromUtc
                                                                       && o.Status != OrderStatus.Declined && o.Status != OrderStatus.Cancelled), ct);
        var top = await active.OrderByDescending(a => a.Spent).ThenBy(a => a.CustomerId).Take(10)
            .Join(db.Customers, a => a.CustomerId, c => c.Id, (a, c) => new { a.CustomerId, c.Name, c.Phone, a.Orders, a.Spent })
            .ToListAsync(ct);
        return new GuestsReport(range, activeCount, activeCount - earlier, earlier, repeat,
            [.. top.OrderByDescending(t => t.Spent).ThenBy(t => t.CustomerId).Select(t => new GuestSpend(t.CustomerId, t.Name ?? t.Phone ?? $"#{t.CustomerId}", t.Orders, t.Spent))]);
    }

    public async Task<BookingsReport> BookingsAsync(AnalyticsRange range, CancellationToken ct = default)
    {
        var (fromUtc, toUtc) = Bounds(range);
        var bookings = db.Bookings.Where(b => b.StartUtc >= fromUtc && b.StartUtc < toUtc);
        var byStatus = await bookings.GroupBy(b => new { b.Source, b.Status })
            .Select(g => new { g.Key.Source, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var bySource = Enum.GetValues<BookingSource>().Select(s => new SourceFigures(
                s,
                byStatus.Where(x => x.Source == s).Sum(x => x.Count),
                byStatus.Where(x => x.Source == s && x.Status == BookingStatus.Cancelled).Sum(x => x.Count),
                byStatus.Where(x => x.Source == s && x.Status == BookingStatus.NoShow).Sum(x => x.Count)))
            .ToList();

        // Load: every hour a booking's table is held, on the weekday of the night it belongs to.
        var spans = await bookings.Where(b => b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.NoShow)
            .GroupBy(b => new { StartDay = b.StartUtc.Date, StartHour = b.StartUtc.Hour, EndDay = b.EndUtc.Date, EndHour = b.EndUtc.Hour, EndsOnHour = b.EndUtc.Minute == 0 })
            .Select(g => new { g.Key.StartDay, g.Key.StartHour, g.Key.EndDay, g.Key.EndHour, g.Key.EndsOnHour, Count = g.Count() })
            .ToListAsync(ct);
        var startHour = (int)lounge.Options.BusinessDayStartsAt.TotalHours;
        var hours = Enumerable.Range(0, 24).Select(i => (startHour + i) % 24).ToList();
        var heatmap = new int[7, 24];
        foreach (var span in spans)
        {
            var hour = DateTime.SpecifyKind(span.StartDay, DateTimeKind.Utc).AddHours(span.StartHour);
            var end = DateTime.SpecifyKind(span.EndDay, DateTimeKind.Utc).AddHours(span.EndHour + (span.EndsOnHour ? 0 : 1));
            for (var guard = 0; hour < end && guard < 48; hour = hour.AddHours(1), guard++)
            {
                var local = lounge.ToLocal(hour);
                var weekday = ((int)BusinessDateOf(hour).DayOfWeek + 6) % 7;
                heatmap[weekday, hours.IndexOf(local.Hour)] += span.Count;
            }
        }

        var calls = db.ServiceCalls.Where(c => c.CreatedAtUtc >= fromUtc && c.CreatedAtUtc < toUtc);
        var callCounts = await calls.GroupBy(c => c.Kind)
            .Select(g => new { Kind = g.Key, Calls = g.Count(), Accepted = g.Count(c => c.AcceptedAtUtc != null) })
            .ToListAsync(ct);

        // Neither provider subtracts instants the same way in SQL; the two columns of accepted calls are small.
        var accepted = await calls.Where(c => c.AcceptedAtUtc != null)
            .Select(c => new { c.Kind, c.CreatedAtUtc, AcceptedAtUtc = c.AcceptedAtUtc!.Value })
            .ToListAsync(ct);
        var serviceCalls = Enum.GetValues<ServiceCallKind>().Select(k =>
        {
            var waits = accepted.Where(a => a.Kind == k).Select(a => a.AcceptedAtUtc - a.CreatedAtUtc).ToList();
            var counts = callCounts.FirstOrDefault(c => c.Kind == k);
            return new ServiceCallFigures(k, counts?.Calls ?? 0, counts?.Accepted ?? 0,
                waits.Count == 0 ? null : TimeSpan.FromSeconds(Math.Round(waits.Average(w => w.TotalSeconds))),
                waits.Count == 0 ? null : waits.Max());
        }).ToList();

        return new BookingsReport(range, bySource.Sum(s => s.Bookings), bySource.Sum(s => s.Cancelled), bySource.Sum(s => s.NoShows),
            bySource, hours, heatmap, serviceCalls);
    }
}
