using System.Text;
using HookahLounge.Core.Analytics;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Staff;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Analytics;

/// <summary>
/// An analytics page: a range of business days, tables with charts, each table downloadable as CSV.
/// Every staff member sees counts; revenue (sums, checks, spend) only owners and managers.
/// </summary>
public abstract class AnalyticsPageModel(LoungeProfile lounge) : AdminPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public AnalyticsRange Range { get; private set; } = null!;

    public List<ReportTable> Tables { get; } = [];

    public bool SeesRevenue => User.IsInRole(nameof(StaffRole.Owner)) || User.IsInRole(nameof(StaffRole.Manager));

    public string FromText => Range.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public string ToText => Range.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    protected abstract Task BuildAsync(CancellationToken ct);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Range = AnalyticsRange.Parse(From, To, lounge.BusinessToday);
        await BuildAsync(ct);
    }

    /// <summary>One table as CSV, built by the same code as the page shows.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string table, CancellationToken ct)
    {
        Range = AnalyticsRange.Parse(From, To, lounge.BusinessToday);
        await BuildAsync(ct);
        return Tables.FirstOrDefault(t => t.Key == table) is { } found
            ? File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(found.ToCsv())).ToArray(), "text/csv; charset=utf-8", $"{found.Key}-{FromText}-{ToText}.csv")
            : NotFound();
    }

    public ReportTable Table(string key) => Tables.Single(t => t.Key == key);

    protected ReportTable Add(string key, string title, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new ReportTable(key, title, columns, [.. rows]);
        Tables.Add(table);
        return table;
    }
}
