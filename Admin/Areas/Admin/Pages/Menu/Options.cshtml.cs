using HookahLounge.Core.Menu;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Menu;

/// <summary>The option library: groups such as «Табак» defined once and offered by many items.</summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class MenuOptionsModel(MenuLibrary library, MenuEditor editor) : AdminPageModel
{
    [BindProperty]
    public GroupInput Input { get; set; } = new();

    public IReadOnlyList<MenuOptionGroup> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Groups = await library.GroupsAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var (error, id) = await editor.SaveOptionGroupAsync(null, Input.Name, Input.NameEn, Input.Min, Input.Max, ct);
            if (error == MenuEditError.None)
            {
                TempData["Flash"] = "Опция добавлена в библиотеку. Добавьте варианты и отметьте позиции.";
                return RedirectToPage("Option", new { id });
            }

            ModelState.AddModelError("", MenuTexts.Error(error));
        }

        Groups = await library.GroupsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, int step, CancellationToken ct)
    {
        var error = await editor.MoveAsync(MenuList.OptionGroups, id, step, ct);
        TempData["Flash"] = error == MenuEditError.None ? "Порядок сохранён." : MenuTexts.Error(error);
        return Redirect(Url.Page("Options") + $"#group-{id}");
    }

    public async Task<IActionResult> OnPostReorderAsync(MenuList list, string? ids, CancellationToken ct) =>
        await MenuIndexModel.ReorderAsync(this, editor, list, ids, [MenuList.OptionGroups], ct);
}
