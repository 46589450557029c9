using HookahLounge.Core.Analytics;
using HookahLounge.Core.Lounge;

namespace HookahLounge.Admin.Areas.Admin.Pages.Analytics;

public sealed class AnalyticsIndexModel(LoungeAnalytics analytics, LoungeProfile lounge) : AnalyticsPageModel(lounge)
{
    public OrdersReport Report { get; private set; } = null!;

    public StopListReport StopList { get; private set; } = null!;

    protected override async Task BuildAsync(CancellationToken ct)
    {
        Report = await analytics.OrdersAsync(Range, ct);
        var money = SeesRevenue;
        IReadOnlyList<string> Period(string first) => money ? [first, "Заказов", "Выручка, ₽", "Средний чек, ₽"] : [first, "Заказов"];
        IReadOnlyList<string> Row(PeriodFigures p) => money
            ? [p.Label, ReportTable.Count(p.Orders), ReportTable.Money(p.Revenue), ReportTable.Money(p.AverageCheck)]
            : [p.Label, ReportTable.Count(p.Orders)];

        Add("days", "По дням", Period("Рабочий день"), Report.Days.Append(Report.Total).Select(Row));
        Add("weeks", "По неделям (с понедельника)", Period("Неделя с"), Report.Weeks.Select(Row));
        Add("types", "По типу заказа", Period("Тип"), Report.ByType.Select(p => Row(p with { Label = TypeText(p.Label) })));
        Add("items", "Топ позиций", money ? ["Позиция", "Штук", "Выручка, ₽"] : ["Позиция", "Штук"],
            Report.TopItems.Select(i => (IReadOnlyList<string>)(money ? [i.Name, ReportTable.Count(i.Quantity), ReportTable.Money(i.Revenue)] : [i.Name, ReportTable.Count(i.Quantity)])));
        Add("options", "Табаки, вкусы и крепость", ["Опция", "Значение", "Штук"],
            Report.TopOptions.Select(o => (IReadOnlyList<string>)[o.Group, o.Value, ReportTable.Count(o.Quantity)]));

        StopList = await analytics.StopListAsync(Range, ct);
        Add("stop-list", "Стоп-лист: гости, которые хотели недоступное", ["Позиция", "Опция", "Промахов", "Из них при оформлении"],
            StopList.ByItem.Select(m => (IReadOnlyList<string>)[m.Item, m.Option ?? "—", ReportTable.Count(m.Misses), ReportTable.Count(m.AtCheckout)]));
        Add("stop-list-days", "Стоп-лист по дням", ["Рабочий день", "Позиция", "Опция", "Промахов"],
            StopList.ByDay.Select(m => (IReadOnlyList<string>)[m.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), m.Item, m.Option ?? "—", ReportTable.Count(m.Misses)]));
    }

    public static string TypeText(string type) => type switch
    {
        "AtTable" => "за столом",
        "ToBooking" => "к брони",
        "Pickup" => "с собой",
        _ => type,
    };
}
