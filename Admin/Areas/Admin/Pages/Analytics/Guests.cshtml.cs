using HookahLounge.Core.Analytics;
using HookahLounge.Core.Lounge;

namespace HookahLounge.Admin.Areas.Admin.Pages.Analytics;

public sealed class AnalyticsGuestsModel(LoungeAnalytics analytics, LoungeProfile lounge) : AnalyticsPageModel(lounge)
{
    public GuestsReport Report { get; private set; } = null!;

    protected override async Task BuildAsync(CancellationToken ct)
    {
        Report = await analytics.GuestsAsync(Range, ct);
        Add("guests", "Гости за период", ["Показатель", "Значение"],
        [
            ["Заказывали", ReportTable.Count(Report.Active)],
            ["Новые (первый заказ в периоде)", ReportTable.Count(Report.New)],
            ["Вернувшиеся", ReportTable.Count(Report.Returning)],
            ["Заказали больше одного раза", ReportTable.Count(Report.Repeat)],
            ["Доля повторных", ReportTable.Percent(Report.RepeatRate)],
        ]);
        if (SeesRevenue)
        {
            Add("top-guests", "Топ гостей по сумме", ["Гость", "Заказов", "Сумма, ₽"],
                Report.TopGuests.Select(g => (IReadOnlyList<string>)[g.Name, ReportTable.Count(g.Orders), ReportTable.Money(g.Spent)]));
        }
    }
}
