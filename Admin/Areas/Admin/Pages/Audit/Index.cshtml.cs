using System.Globalization;
using HookahLounge.Core.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Audit;

/// <summary>Who changed what and when in the back office; owners only.</summary>
[Authorize(Policy = AdminPolicies.OwnerOnly)]
public sealed class AuditIndexModel(AuditLog log) : AdminPageModel
{
    /// <summary>The part of the back office; not "area", which routing keeps for the Admin area itself.</summary>
    [BindProperty(SupportsGet = true)]
    public AuditArea? Section { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public IReadOnlyList<string> Actors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Actors = await log.ActorsAsync(ct);
        Entries = await log.SearchAsync(new AuditFilter(Section, Actor, Date(From), Date(To)), ct);
    }

    public static string AreaText(AuditArea area) => area switch
    {
        AuditArea.Menu => "Меню и цены",
        AuditArea.StopList => "Стоп-лист",
        AuditArea.Bookings => "Брони",
        AuditArea.Orders => "Заказы",
        AuditArea.Promotions => "Акции и события",
        AuditArea.Staff => "Сотрудники",
        AuditArea.Settings => "Настройки",
        AuditArea.Broadcasts => "Рассылки",
        AuditArea.ServiceCalls => "Вызовы персонала",
        _ => area.ToString(),
    };

    public static string ActionText(string action) => action switch
    {
        "Added" => "добавлено",
        "Modified" => "изменено",
        "Deleted" => "удалено",
        _ => action,
    };

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
