using HookahLounge.Core.Bookings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Tables;

[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class TablesIndexModel(FloorPlan floor) : AdminPageModel
{
    public IReadOnlyList<Zone> Zones { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Zones = await floor.ZonesAsync(ct);

    public async Task<IActionResult> OnPostZoneAsync(int? id, string? name, string? description, int sortOrder, CancellationToken ct) =>
        Done(await floor.SaveZoneAsync(id, name, description, sortOrder, ct), "Зал сохранён.");

    public async Task<IActionResult> OnPostTableAsync(int? id, int number, int zoneId, int seatsMin, int seatsMax, bool isActive, CancellationToken ct) =>
        Done(await floor.SaveTableAsync(id, number, zoneId, seatsMin, seatsMax, isActive, ct), $"Стол №{number} сохранён.");

    private RedirectToPageResult Done(FloorPlanError error, string ok)
    {
        TempData["Flash"] = error switch
        {
            FloorPlanError.None => ok,
            FloorPlanError.NameMissing => "Укажите название зала (до 100 символов). Ничего не изменено.",
            FloorPlanError.NumberTaken => "Стол с таким номером уже есть. Ничего не изменено.",
            FloorPlanError.BadSeats => "Номер от 1; мест минимум от 1 и не больше максимума (до 100). Ничего не изменено.",
            FloorPlanError.ZoneMissing => "Выберите зал. Ничего не изменено.",
            _ => "Не найдено — возможно, уже удалено.",
        };
        return RedirectToPage();
    }
}
