using System.Globalization;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Lounge;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Customers;

/// <summary>Every guest from every channel, searchable by name, phone or Telegram handle.</summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class CustomersIndexModel(GuestRecords records, LoungeProfile lounge) : AdminPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tag { get; set; }

    [BindProperty(SupportsGet = true)]
    public GuestStatus? Status { get; set; }

    /// <summary>Last visit on or after this business date.</summary>
    [BindProperty(SupportsGet = true)]
    public string? SeenFrom { get; set; }

    /// <summary>No visit since this business date (or never).</summary>
    [BindProperty(SupportsGet = true)]
    public string? NotSeenSince { get; set; }

    public GuestList List { get; private set; } = new(0, 0, []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        List = await records.SearchAsync(new GuestFilter(Q, Tag, Status, DayStart(SeenFrom), DayStart(NotSeenSince)), ct);
    }

    private DateTime? DayStart(string? date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? lounge.BusinessDayUtc(day).StartUtc
            : null;

    public static string StatusText(GuestStatus status) => status switch
    {
        GuestStatus.Regular => "постоянный",
        GuestStatus.Lapsed => "давно не был",
        _ => "новый",
    };
}
