using HookahLounge.Core.Analytics;
using HookahLounge.Core.Lounge;

namespace HookahLounge.Admin.Areas.Admin.Pages.Analytics;

public sealed class AnalyticsGuestsModel(LoungeAnalytics analytics, LoungeProfile lounge) : AnalyticsPageModel(lounge)
{
    public GuestsReport Report { get; private set; } = null!;

    public VisitFrequencyReport Frequency { get; private set; } = null!;

    public CohortReport Cohorts { get; private set; } = null!;

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
        Frequency = await analytics.VisitFrequencyAsync(Range, ct);
        Add("frequency", "Частота визитов", ["Визитов за период", "Гостей"],
            Frequency.Buckets.Select(b => (IReadOnlyList<string>)[b.Label, ReportTable.Count(b.Guests)]));
        Add("visits", "Визиты", ["Показатель", "Значение"],
        [
            ["Гостей с визитами", ReportTable.Count(Frequency.Guests)],
            ["Визитов", ReportTable.Count(Frequency.Visits)],
            ["Визитов на гостя", ReportTable.Number(Frequency.VisitsPerGuest)],
            ["Гостей с повторными визитами", ReportTable.Count(Frequency.GuestsWithGaps)],
            ["Дней между визитами в среднем", Frequency.AverageDaysBetweenVisits is { } days ? ReportTable.Number(days) : "—"],
        ]);

        Cohorts = await analytics.CohortsAsync(Range, ct);
        Add("cohorts", "Удержание по месяцу первого визита", ["Месяц первого визита", "Гостей", .. Enumerable.Range(0, Cohorts.MaxMonthsAfter + 1).Select(m => $"+{m} мес.")],
            Cohorts.Cohorts.Select(c => (IReadOnlyList<string>)[
                MonthText(c.Month), ReportTable.Count(c.Guests),
                .. Enumerable.Range(0, Cohorts.MaxMonthsAfter + 1).Select(m => m < c.Returning.Count ? ReportTable.Percent(c.Share(m)) : "")]));

        if (SeesRevenue)
        {
            Add("top-guests", "Топ гостей по сумме", ["Гость", "Заказов", "Сумма, ₽"],
                Report.TopGuests.Select(g => (IReadOnlyList<string>)[g.Name, ReportTable.Count(g.Orders), ReportTable.Money(g.Spent)]));
        }
    }

    public static string MonthText(DateOnly month) => month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whole percents for the cohort chart's cells.</summary>
    public int[,] CohortPercents()
    {
        var cells = new int[Cohorts.Cohorts.Count, Cohorts.MaxMonthsAfter + 1];
        for (var c = 0; c < Cohorts.Cohorts.Count; c++)
        {
            for (var m = 0; m < Cohorts.Cohorts[c].Returning.Count; m++)
            {
                cells[c, m] = (int)Math.Round(Cohorts.Cohorts[c].Share(m) * 100);
            }
        }

        return cells;
    }
}
