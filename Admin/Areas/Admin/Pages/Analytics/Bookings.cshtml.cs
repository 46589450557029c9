using HookahLounge.Core.Analytics;
using HookahLounge.Core.Lounge;

namespace HookahLounge.Admin.Areas.Admin.Pages.Analytics;

public sealed class AnalyticsBookingsModel(LoungeAnalytics analytics, LoungeProfile lounge) : AnalyticsPageModel(lounge)
{
    public static readonly string[] Weekdays = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"];

    public BookingsReport Report { get; private set; } = null!;

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
