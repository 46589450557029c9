using HookahLounge.Core.Bookings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Bookings;

[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class BookingSettingsModel(BookingSettingsStore store) : AdminPageModel
{
    [BindProperty]
    public BookingSettings Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Input = await store.GetAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var problems = await store.SaveAsync(Input, ct);
        foreach (var problem in problems)
        {
            ModelState.AddModelError("", problem);
        }

        if (problems.Count > 0)
        {
            return Page();
        }

        TempData["Flash"] = "Настройки брони сохранены.";
        return RedirectToPage();
    }
}
