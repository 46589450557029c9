using HookahLounge.Core.Promotions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Promotions;

/// <summary>The confirmation step before a promo or event is deleted for good (unpublishing only hides it).</summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class PromotionDeleteModel(PromotionBoard board) : AdminPageModel
{
    public Promotion? Promotion { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        (Promotion = await board.FindAsync(id, ct)) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var promotion = await board.FindAsync(id, ct);
        TempData["Flash"] = promotion is not null && await board.DeleteAsync(id, ct)
            ? $"«{promotion.Title}» удалено — его больше нет на сайте и в боте."
            : "Не найдено — возможно, уже удалено. Ничего не изменено.";
        return RedirectToPage("Index");
    }
}
