using HookahLounge.Core.Analytics;
using HookahLounge.Core.Lounge;

namespace HookahLounge.Admin.Areas.Admin.Pages.Analytics;

public sealed class AnalyticsBookingsModel(LoungeAnalytics analytics, LoungeProfile lounge) : AnalyticsPageModel(lounge)
{
    public static readonly string[] Weekdays = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"];

    public BookingsReport Report { get; private set; } = null!;

    public UtilisationReport Utilisation { get; private set; } = null!;

    public LeadTimeReport LeadTime { get; private set; } = null!;

    protected override async Task BuildAsync(CancellationToken ct)
    {
        Report = await analytics.BookingsAsync(Range, ct);
        Add("bookings", "Брони", ["Показатель", "Значение"],
        [
            ["Броней", ReportTable.Count(Report.Bookings)],
            ["Отменено", ReportTable.Count(Report.Cancelled)],
            ["Доля отмен", ReportTable.Percent(Report.CancellationRate)],
            ["Неявки", ReportTable.Count(Report.NoShows)],
            ["Доля неявок", ReportTable.Percent(Report.NoShowRate)],
        ]);
        Add("sources", "Брони по источнику", ["Источник", "Броней", "Отменено", "Неявки"],
            Report.BySource.Select(s => (IReadOnlyList<string>)[BookingTexts.Source(s.Source), ReportTable.Count(s.Bookings), ReportTable.Count(s.Cancelled), ReportTable.Count(s.NoShows)]));
        Add("heatmap", "Загрузка: брони за столом по дню недели и часу", ["День", .. Report.HeatmapHours.Select(Hour)],
            Weekdays.Select((day, d) => (IReadOnlyList<string>)[day, .. Report.HeatmapHours.Select((_, h) => ReportTable.Count(Report.Heatmap[d, h]))]));
        Utilisation = await analytics.UtilisationAsync(Range, ct);
        Add("utilisation", $"Загрузка мест по зонам (часов работы за период: {ReportTable.Number(Utilisation.OpenHours)})",
            ["Зона", "Столов", "Мест", "Место-часов доступно", "Забронировано место-часов", "Забронировано", "Пришли, место-часов", "Пришли"],
            Utilisation.Zones.Select(z => (IReadOnlyList<string>)[
                z.Zone, ReportTable.Count(z.Tables), ReportTable.Count(z.Seats), ReportTable.Number(z.AvailableSeatHours),
                ReportTable.Number(z.BookedSeatHours), ReportTable.Percent(z.BookedShare), ReportTable.Number(z.SeatedSeatHours), ReportTable.Percent(z.SeatedShare)]));
        LeadTime = await analytics.LeadTimeAsync(Range, ct);
        var sources = Enum.GetValues<Core.Bookings.BookingSource>();
        Add("lead-time", "За сколько до начала бронируют", ["Бронь сделана", "Броней", "Доля", .. sources.Select(BookingTexts.Source)],
            LeadTime.Buckets.Select(b => (IReadOnlyList<string>)[
                b.Label, ReportTable.Count(b.Bookings), ReportTable.Percent(LeadTime.Bookings == 0 ? 0 : (double)b.Bookings / LeadTime.Bookings),
                .. sources.Select(s => ReportTable.Count(b.BySource[s]))]));
        Add("calls", "Вызовы персонала", ["Вызов", "Всего", "Принято", "Среднее время до принятия", "Дольше всего"],
            Report.ServiceCalls.Select(c => (IReadOnlyList<string>)[CallText(c.Kind), ReportTable.Count(c.Calls), ReportTable.Count(c.Accepted), ReportTable.Duration(c.AverageToAccept), ReportTable.Duration(c.LongestToAccept)]));
    }

    public static string Hour(int hour) => hour.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    public static string CallText(Core.Visits.ServiceCallKind kind) => kind switch
    {
        Core.Visits.ServiceCallKind.ChangeCoals => "поменять угли",
        Core.Visits.ServiceCallKind.HookahMaster => "кальянщик",
        Core.Visits.ServiceCallKind.Waiter => "официант",
        Core.Visits.ServiceCallKind.Bill => "счёт",
        _ => kind.ToString(),
    };
}
