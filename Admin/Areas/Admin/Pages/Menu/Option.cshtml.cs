using HookahLounge.Core.Menu;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Menu;

/// <summary>One shared option group: its rules, its values (surcharge, default ★, stop-list, order) and the items that offer it.</summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class MenuOptionModel(MenuLibrary library, MenuCatalog catalog, MenuEditor editor) : AdminPageModel
{
    [BindProperty]
    public GroupInput Input { get; set; } = new();

    public MenuOptionGroup? Group { get; private set; }

    public IReadOnlyList<MenuCategory> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = new GroupInput { Name = Group!.Name, NameEn = Group.NameEn, Min = Group.MinSelected, Max = Group.MaxSelected };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var (error, _) = await editor.SaveOptionGroupAsync(id, Input.Name, Input.NameEn, Input.Min, Input.Max, ct);
            if (error == MenuEditError.None)
            {
                TempData["Flash"] = "Опция сохранена — для всех позиций с ней.";
                return RedirectToPage(new { id });
            }

            if (error == MenuEditError.NotFound)
            {
                return Done(id, error, "");
            }

            ModelState.AddModelError("", MenuTexts.Error(error));
        }

        return await LoadAsync(id, ct) ? Page() : Done(id, MenuEditError.NotFound, "");
    }

    public async Task<IActionResult> OnPostAddValueAsync(int id, string? name, string? nameEn, string? priceDelta, CancellationToken ct)
    {
        var delta = string.IsNullOrWhiteSpace(priceDelta) ? 0 : MenuTexts.ParsePrice(priceDelta);
        return Done(id, delta is null ? MenuEditError.PriceInvalid : await editor.AddOptionValueAsync(id, name, delta.Value, nameEn, ct), "Вариант добавлен.");
    }

    public async Task<IActionResult> OnPostSaveValueAsync(int id, int valueId, string? name, string? nameEn, string? priceDelta, CancellationToken ct)
    {
        var delta = string.IsNullOrWhiteSpace(priceDelta) ? 0 : MenuTexts.ParsePrice(priceDelta);
        return Done(id, delta is null ? MenuEditError.PriceInvalid : await editor.SaveOptionValueAsync(valueId, name, nameEn, delta.Value, ct), "Вариант сохранён.");
    }

    public async Task<IActionResult> OnPostValueAvailableAsync(int id, int valueId, bool available, CancellationToken ct) =>
        Done(id, await editor.SetValueAvailableAsync(valueId, available, ct), available ? "Вариант снова доступен на всех позициях." : "Вариант в стоп-листе на всех позициях.");

    public async Task<IActionResult> OnPostValueDefaultAsync(int id, int valueId, bool isDefault, CancellationToken ct) =>
        Done(id, await editor.SetValueDefaultAsync(valueId, isDefault, ct), isDefault ? "Вариант выбран по умолчанию." : "Вариант больше не выбран по умолчанию.");

    public async Task<IActionResult> OnPostMoveValueAsync(int id, int valueId, int step, CancellationToken ct) =>
        Done(id, await editor.MoveAsync(MenuList.OptionValues, valueId, step, ct), "Порядок сохранён.");

    public async Task<IActionResult> OnPostReorderAsync(MenuList list, string? ids, CancellationToken ct) =>
        await MenuIndexModel.ReorderAsync(this, editor, list, ids, [MenuList.OptionValues], ct);

    /// <summary>The ticked items offer this group; the others stop offering it.</summary>
    public async Task<IActionResult> OnPostItemsAsync(int id, int[]? itemIds, CancellationToken ct) =>
        Done(id, await editor.SetGroupItemsAsync(id, itemIds ?? [], ct), "Позиции с этой опцией сохранены.");

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Group = await library.GroupAsync(id, ct);
        Sections = await catalog.GetForStaffAsync(ct);
        return Group is not null;
    }

    private RedirectToPageResult Done(int id, MenuEditError error, string ok)
    {
        TempData["Flash"] = error == MenuEditError.None ? ok : MenuTexts.Error(error);
        return error == MenuEditError.NotFound && ok.Length == 0 ? RedirectToPage("Options") : RedirectToPage(new { id });
    }
}
