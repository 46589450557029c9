using HookahLounge.Core.Menu;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Menu;

/// <summary>The menu at a glance: sections and items, one line each, to reorder and open for editing.</summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class MenuIndexModel(MenuCatalog catalog, MenuEditor editor) : AdminPageModel
{
    public IReadOnlyList<MenuCategory> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Categories = await catalog.GetForStaffAsync(ct);

    /// <summary>The up/down buttons: one place up (step -1) or down (+1).</summary>
    public async Task<IActionResult> OnPostMoveAsync(MenuList list, int id, int step, CancellationToken ct)
    {
        var error = ModelState.IsValid && list is MenuList.Sections or MenuList.Items ? await editor.MoveAsync(list, id, step, ct) : MenuEditError.OrderInvalid;
        TempData["Flash"] = error == MenuEditError.None ? "Порядок сохранён." : MenuTexts.Error(error);
        return Redirect(Url.Page("Index") + (list == MenuList.Items ? $"#item-{id}" : $"#section-{id}"));
    }

    /// <summary>A drag in the list (menu-editor.js) posts the whole new order as <c>ids=3,1,2</c>.</summary>
    public async Task<IActionResult> OnPostReorderAsync(MenuList list, string? ids, CancellationToken ct) =>
        await ReorderAsync(this, editor, list, ids, [MenuList.Sections, MenuList.Items], ct);

    internal static async Task<IActionResult> ReorderAsync(AdminPageModel page, MenuEditor editor, MenuList list, string? ids, MenuList[] allowed, CancellationToken ct)
    {
        var parsed = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => int.TryParse(part, out var id) ? id : (int?)null).ToList();
        var error = !page.ModelState.IsValid || !allowed.Contains(list) || parsed.Count == 0 || parsed.Any(id => id is null)
            ? MenuEditError.OrderInvalid
            : await editor.ReorderAsync(list, [.. parsed.Select(id => id!.Value)], ct);
        if (page.Request.Headers["X-Requested-With"] == "fetch")
        {
            return error == MenuEditError.None ? (IActionResult)new NoContentResult() : new BadRequestObjectResult(MenuTexts.Error(error));
        }

        page.TempData["Flash"] = error == MenuEditError.None ? "Порядок сохранён." : MenuTexts.Error(error);
        return page.RedirectToPage();
    }
}
