using System.Globalization;
using System.Linq.Expressions;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
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

public sealed record StopListItemFigures(string Item, string? Option, int Misses, int AtCheckout);

public sealed record StopListDayFigures(DateOnly Date, string Item, string? Option, int Misses);

/// <summary>Guests who met the stop-list: once per guest, item (or option value) and business day.</summary>
public sealed record StopListReport(AnalyticsRange Range, IReadOnlyList<StopListItemFigures> ByItem, IReadOnlyList<StopListDayFigures> ByDay)
{
    public int Misses => ByItem.Sum(i => i.Misses);
}

/// <summary>How many guests visited how often in the range ("1", "2", "3", "4–5", "6–9", "10+").</summary>
public sealed record FrequencyBucket(string Label, int Guests);

public sealed record VisitFrequencyReport(AnalyticsRange Range, int Guests, int Visits, IReadOnlyList<FrequencyBucket> Buckets, int GuestsWithGaps, double? AverageDaysBetweenVisits)
{
    public double VisitsPerGuest => Guests == 0 ? 0 : (double)Visits / Guests;
}

/// <summary>Guests whose first visit ever fell in <see cref="Month"/>, and how many of them came in each month after it (index 0 is the month itself).</summary>
public sealed record Cohort(DateOnly Month, int Guests, IReadOnlyList<int> Returning)
{
    public double Share(int monthsAfter) => Guests == 0 ? 0 : (double)Returning[monthsAfter] / Guests;
}

public sealed record CohortReport(AnalyticsRange Range, IReadOnlyList<Cohort> Cohorts)
{
    public int MaxMonthsAfter => Cohorts.Count == 0 ? 0 : Cohorts.Max(c => c.Returning.Count) - 1;
}

/// <summary>Seat-hours of one zone: what its active tables offer while the lounge is open, and what bookings took.</summary>
public sealed record ZoneUtilisation(string Zone, int Tables, int Seats, double AvailableSeatHours, double BookedSeatHours, double SeatedSeatHours)
{
    public double BookedShare => AvailableSeatHours <= 0 ? 0 : BookedSeatHours / AvailableSeatHours;

    public double SeatedShare => AvailableSeatHours <= 0 ? 0 : SeatedSeatHours / AvailableSeatHours;
}

public sealed record UtilisationReport(AnalyticsRange Range, double OpenHours, IReadOnlyList<ZoneUtilisation> Zones);

public sealed record LeadTimeBucket(string Label, IReadOnlyDictionary<BookingSource, int> BySource)
{
    public int Bookings => BySource.Values.Sum();
}

/// <summary>How long before its start each booking was made.</summary>
public sealed record LeadTimeReport(AnalyticsRange Range, IReadOnlyList<LeadTimeBucket> Buckets)
{
    public int Bookings => Buckets.Sum(b => b.Bookings);
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

        var perDate = placed.GroupBy(p => p.Date).ToDictionary(g => g.Key, g => (Orders: g.Sum(p => p.Orders), Revenue: g.Sum(p => p.Revenue)));
        var days = new List<PeriodFigures>();
        for (var date = range.From; date <= range.To; date = date.AddDays(1))
        {
            var of = perDate.GetValueOrDefault(date);
            days.Add(new(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), of.Orders, of.Revenue));
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

        // Neither provider subtracts instants the same way in SQL, and PostgreSQL takes longer to compute the
        // difference from the instants' parts than to send the two columns of the accepted calls.
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

    /// <summary>Stop-list misses per item (or option value) and per business day; each row already counts a guest once a day.</summary>
    public async Task<StopListReport> StopListAsync(AnalyticsRange range, CancellationToken ct = default)
    {
        var rows = await db.StopListMisses.Where(m => m.BusinessDate >= range.From && m.BusinessDate <= range.To)
            .GroupBy(m => new { m.BusinessDate, m.ItemName, m.OptionName, m.Stage })
            .Select(g => new { g.Key.BusinessDate, g.Key.ItemName, g.Key.OptionName, g.Key.Stage, Misses = g.Count() })
            .ToListAsync(ct);
        var byItem = rows.GroupBy(r => (r.ItemName, r.OptionName))
            .Select(g => new StopListItemFigures(g.Key.ItemName, g.Key.OptionName, g.Sum(r => r.Misses), g.Where(r => r.Stage == StopListStage.Checkout).Sum(r => r.Misses)))
            .OrderByDescending(i => i.Misses).ThenBy(i => i.Item, StringComparer.Ordinal).ThenBy(i => i.Option, StringComparer.Ordinal)
            .ToList();
        var byDay = rows.GroupBy(r => (r.BusinessDate, r.ItemName, r.OptionName))
            .Select(g => new StopListDayFigures(g.Key.BusinessDate, g.Key.ItemName, g.Key.OptionName, g.Sum(r => r.Misses)))
            .OrderBy(d => d.Date).ThenByDescending(d => d.Misses).ThenBy(d => d.Item, StringComparer.Ordinal).ThenBy(d => d.Option, StringComparer.Ordinal)
            .ToList();
        return new StopListReport(range, byItem, byDay);
    }

    private static readonly (string Label, int From, int To)[] FrequencyBuckets =
        [("1", 1, 1), ("2", 2, 2), ("3", 3, 3), ("4–5", 4, 5), ("6–9", 6, 9), ("10+", 10, int.MaxValue)];

    /// <summary>
    /// Visits per guest in the range (a visit as on the guest card: a table visit or a booking the guest came
    /// to), and the average number of business days between the first and the last visit per gap.
    /// </summary>
    public async Task<VisitFrequencyReport> VisitFrequencyAsync(AnalyticsRange range, CancellationToken ct = default)
    {
        var (fromUtc, toUtc) = Bounds(range);
        var perGuest = GuestRecords.Visits(db).Where(v => v.AtUtc >= fromUtc && v.AtUtc < toUtc)
            .GroupBy(v => v.CustomerId)
            .Select(g => new { Visits = g.Count(), FirstUtc = g.Min(v => v.AtUtc), LastUtc = g.Max(v => v.AtUtc) });
        var counts = await perGuest.GroupBy(g => g.Visits).Select(g => new { Visits = g.Key, Guests = g.Count() }).ToListAsync(ct);

        // Gaps need each repeat guest's first and last business day: one row per such guest, not per visit.
        var repeaters = await perGuest.Where(g => g.Visits >= 2).Select(g => new { g.Visits, g.FirstUtc, g.LastUtc }).ToListAsync(ct);
        var gaps = repeaters.Select(r => (double)(BusinessDateOf(r.LastUtc).DayNumber - BusinessDateOf(r.FirstUtc).DayNumber) / (r.Visits - 1)).ToList();

        return new VisitFrequencyReport(
            range,
            counts.Sum(c => c.Guests),
            counts.Sum(c => c.Visits * c.Guests),
            [.. FrequencyBuckets.Select(b => new FrequencyBucket(b.Label, counts.Where(c => c.Visits >= b.From && c.Visits <= b.To).Sum(c => c.Guests)))],
            gaps.Count,
            gaps.Count == 0 ? null : Math.Round(gaps.Average(), 1));
    }

    /// <summary>
    /// Retention by the month of the first visit ever: for each month the range touches, the guests who first
    /// came then and the share of them who came in each later month up to the range's end. Months are business
    /// months (the night of the 31st belongs to that month); each visit is placed on its month in the database.
    /// </summary>
    public async Task<CohortReport> CohortsAsync(AnalyticsRange range, CancellationToken ct = default)
    {
        var (_, toUtc) = Bounds(range);
        var months = new List<DateOnly>();
        for (var month = new DateOnly(range.From.Year, range.From.Month, 1); month <= range.To; month = month.AddMonths(1))
        {
            months.Add(month);
        }

        var starts = months.Select(m => lounge.BusinessDayUtc(m).StartUtc).ToList();
        var visits = GuestRecords.Visits(db).Where(v => v.AtUtc < toUtc).Select(WithMonth(starts));
        var firsts = visits.GroupBy(v => v.CustomerId).Select(g => new { CustomerId = g.Key, Cohort = g.Min(v => v.Month) }).Where(f => f.Cohort >= 0);
        var cells = await visits.Where(v => v.Month >= 0)
            .Join(firsts, v => v.CustomerId, f => f.CustomerId, (v, f) => new { f.Cohort, v.Month, v.CustomerId })
            .GroupBy(x => new { x.Cohort, x.Month })
            .Select(g => new { g.Key.Cohort, g.Key.Month, Guests = g.Select(x => x.CustomerId).Distinct().Count() })
            .ToListAsync(ct);

        return new CohortReport(range, [.. months.Select((month, cohort) =>
        {
            var returning = Enumerable.Range(cohort, months.Count - cohort)
                .Select(m => cells.FirstOrDefault(c => c.Cohort == cohort && c.Month == m)?.Guests ?? 0).ToList();
            return new Cohort(month, returning[0], returning);
        })]);
    }

    /// <summary>
    /// A visit with the index of the month it falls in (-1 before the first), as a CASE the database evaluates.
    /// The month starts are read from a captured array, so they become parameters and the query is compiled once per number of months.
    /// </summary>
    private static Expression<Func<GuestVisit, GuestVisitMonth>> WithMonth(IReadOnlyList<DateTime> monthStartsUtc)
    {
        var visit = Expression.Parameter(typeof(GuestVisit), "v");
        var at = Expression.Property(visit, nameof(GuestVisit.AtUtc));
        var starts = Expression.Field(Expression.Constant(new MonthStarts([.. monthStartsUtc])), nameof(MonthStarts.Utc));
        Expression month = Expression.Constant(monthStartsUtc.Count - 1);
        for (var i = monthStartsUtc.Count - 1; i >= 0; i--)
        {
            month = Expression.Condition(Expression.LessThan(at, Expression.ArrayIndex(starts, Expression.Constant(i))), Expression.Constant(i - 1), month);
        }

        return Expression.Lambda<Func<GuestVisit, GuestVisitMonth>>(
            Expression.MemberInit(
                Expression.New(typeof(GuestVisitMonth)),
                Expression.Bind(typeof(GuestVisitMonth).GetProperty(nameof(GuestVisitMonth.CustomerId))!, Expression.Property(visit, nameof(GuestVisit.CustomerId))),
                Expression.Bind(typeof(GuestVisitMonth).GetProperty(nameof(GuestVisitMonth.Month))!, month)),
            visit);
    }

    private sealed class MonthStarts(DateTime[] utc)
    {
        public readonly DateTime[] Utc = utc;
    }

    private sealed class GuestVisitMonth
    {
        public int CustomerId { get; init; }

        public int Month { get; init; }
    }

    /// <summary>
    /// Seat utilisation per zone: seat-hours of bookings that held a table (booked) and of those the guests came
    /// to (seated), each party size × booked length, over the seats of the zone's active tables × the hours the
    /// lounge was open on the range's business days (special days included, DST nights an hour shorter or longer).
    /// </summary>
    public async Task<UtilisationReport> UtilisationAsync(AnalyticsRange range, CancellationToken ct = default)
    {
        var (fromUtc, toUtc) = Bounds(range);
        var exceptions = await db.OpeningExceptions.AsNoTracking().Where(e => e.Date >= range.From && e.Date <= range.To).ToListAsync(ct);
        var week = OpeningHours.MondayFirst.Where(d => lounge.Hours.For(d) is not null).ToDictionary(d => d, d => lounge.Hours.For(d)!.Value);
        var hours = new OpeningHours(week, exceptions.ToDictionary(e => e.Date, e => e.Opens is { } opens && e.Closes is { } closes ? new DailyHours(opens, closes) : (DailyHours?)null));
        var openHours = 0.0;
        for (var date = range.From; date <= range.To; date = date.AddDays(1))
        {
            if (hours.SessionOn(date) is { } session)
            {
                openHours += (lounge.ToUtc(session.Closes) - lounge.ToUtc(session.Opens)).TotalHours;
            }
        }

        var zones = await db.Zones.AsNoTracking().OrderBy(z => z.SortOrder).ThenBy(z => z.Id)
            .Select(z => new
            {
                z.Id,
                z.Name,
                Tables = z.Tables.Count(t => t.IsActive),
                Seats = z.Tables.Where(t => t.IsActive).Sum(t => (int?)t.SeatsMax) ?? 0,
            })
            .ToListAsync(ct);

        // Length in minutes from the instants' parts: neither provider subtracts instants alike, and a booking
        // is at most a night long, so it ends on its start's UTC date or the next.
        var taken = await db.Bookings
            .Where(b => b.StartUtc >= fromUtc && b.StartUtc < toUtc && b.TableId != null
                        && b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.NoShow)
            .Join(db.Tables, b => b.TableId, t => t.Id, (b, t) => new
            {
                t.ZoneId,
                Seated = b.Status == BookingStatus.Seated || b.Status == BookingStatus.Completed,
                SeatMinutes = b.PartySize * ((b.EndUtc.Date > b.StartUtc.Date ? 1440 : 0) + (b.EndUtc.Hour - b.StartUtc.Hour) * 60 + b.EndUtc.Minute - b.StartUtc.Minute),
            })
            .GroupBy(x => new { x.ZoneId, x.Seated })
            .Select(g => new { g.Key.ZoneId, g.Key.Seated, SeatMinutes = g.Sum(x => (long)x.SeatMinutes) })
            .ToListAsync(ct);

        return new UtilisationReport(range, openHours, [.. zones.Select(z => new ZoneUtilisation(
            z.Name,
            z.Tables,
            z.Seats,
            z.Seats * openHours,
            taken.Where(t => t.ZoneId == z.Id).Sum(t => t.SeatMinutes) / 60.0,
            taken.Where(t => t.ZoneId == z.Id && t.Seated).Sum(t => t.SeatMinutes) / 60.0))]);
    }

    /// <summary>Lead-time buckets: made after the start (walk-ins typed in later), then by hours before it.</summary>
    public static readonly IReadOnlyList<string> LeadTimeLabels = ["после начала", "меньше 1 ч", "1–3 ч", "3–24 ч", "1–3 дня", "3–7 дней", "7 дней и больше"];

    /// <summary>How long before the start bookings were made, per source; every booking starting in the range counts.</summary>
    public async Task<LeadTimeReport> LeadTimeAsync(AnalyticsRange range, CancellationToken ct = default)
    {
        var (fromUtc, toUtc) = Bounds(range);
        var counts = await db.Bookings.Where(b => b.StartUtc >= fromUtc && b.StartUtc < toUtc)
            .Select(b => new
            {
                b.Source,
                Bucket = b.CreatedAtUtc >= b.StartUtc ? 0
                    : b.CreatedAtUtc > b.StartUtc.AddHours(-1) ? 1
                    : b.CreatedAtUtc > b.StartUtc.AddHours(-3) ? 2
                    : b.CreatedAtUtc > b.StartUtc.AddHours(-24) ? 3
                    : b.CreatedAtUtc > b.StartUtc.AddHours(-72) ? 4
                    : b.CreatedAtUtc > b.StartUtc.AddHours(-168) ? 5
                    : 6,
            })
            .GroupBy(x => new { x.Bucket, x.Source })
            .Select(g => new { g.Key.Bucket, g.Key.Source, Bookings = g.Count() })
            .ToListAsync(ct);
        return new LeadTimeReport(range, [.. LeadTimeLabels.Select((label, i) => new LeadTimeBucket(
            label,
            Enum.GetValues<BookingSource>().ToDictionary(s => s, s => counts.Where(c => c.Bucket == i && c.Source == s).Sum(c => c.Bookings))))]);
    }
}
