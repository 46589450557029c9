using HookahLounge.Core.Menu;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Menu;

/// <summary>
/// The confirmation step before an item, section, option group, value or photo goes: says what it touches and whether
/// it will be archived instead (placed orders refer to it). A plain form, so it works without JavaScript.
/// </summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class MenuDeleteModel(MenuEditor editor) : AdminPageModel
{
    [BindProperty(SupportsGet = true)]
    public MenuEntry Entry { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public MenuRemovalPreview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Preview = ModelState.IsValid && Enum.IsDefined(Entry) ? await editor.PreviewRemovalAsync(Entry, Id, ct) : null;
        return Preview is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid || !Enum.IsDefined(Entry) || await editor.PreviewRemovalAsync(Entry, Id, ct) is not { } preview)
        {
            TempData["Flash"] = MenuTexts.Error(MenuEditError.NotFound);
            return RedirectToPage("Index");
        }

        var result = await editor.RemoveAsync(Entry, Id, ct);
        TempData["Flash"] = (Entry, result) switch
        {
            (_, MenuRemoval.NotFound) => MenuTexts.Error(MenuEditError.NotFound),
            (MenuEntry.Item, MenuRemoval.Archived) => $"«{preview.Name}» есть в оформленных заказах, поэтому позиция перенесена в архив: гости её больше не видят, заказы сохранены.",
            (MenuEntry.Section, MenuRemoval.Archived) => $"Позиции раздела «{preview.Name}» есть в оформленных заказах, поэтому раздел перенесён в архив: гости его больше не видят, заказы сохранены.",
            (MenuEntry.Photo, _) => $"Фото «{preview.Name}» удалено.",
            _ => $"«{preview.Name}» удалено.",
        };
        return Entry switch
        {
            MenuEntry.Photo => RedirectToPage("Item", new { id = Id }),
            MenuEntry.OptionValue => RedirectToPage("Option", new { id = preview.ParentId }),
            MenuEntry.OptionGroup => RedirectToPage("Options"),
            _ => RedirectToPage("Index"),
        };
    }

    /// <summary>Where "cancel" goes: back to what was about to be removed.</summary>
    public string? BackUrl => Entry switch
    {
        MenuEntry.Item or MenuEntry.Photo => Url.Page("Item", new { id = Preview?.ParentId ?? Id }),
        MenuEntry.Section => Url.Page("Section", new { id = Id }),
        MenuEntry.OptionGroup => Url.Page("Option", new { id = Id }),
        _ => Url.Page("Option", new { id = Preview?.ParentId }),
    };
}
