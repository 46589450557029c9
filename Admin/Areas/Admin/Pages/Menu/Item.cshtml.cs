using System.ComponentModel.DataAnnotations;
using HookahLounge.Core.Menu;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Menu;

/// <summary>One menu item on its own page: texts, price, tags, section, photo, shared options, stop-list and archive.</summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
[UploadLimit(MaxPostBytes, "Фото больше 2 МБ. Ничего не изменено.")]
[RequestFormLimits(MultipartBodyLengthLimit = MaxPostBytes)]
public sealed class MenuItemModel(MenuLibrary library, MenuCatalog catalog, MenuEditor editor) : AdminPageModel
{
    /// <summary>A photo at the limit plus room for the form around it.</summary>
    public const int MaxPostBytes = MenuEditor.MaxPhotoBytes + 64 * 1024;

    [BindProperty]
    public ItemInput Input { get; set; } = new();

    /// <summary>The item being edited; null while a new one is written.</summary>
    public MenuItem? Item { get; private set; }

    public IReadOnlyList<MenuCategory> Sections { get; private set; } = [];

    public IReadOnlyList<MenuOptionGroup> Library { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? categoryId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = Item is { } item
            ? new ItemInput
            {
                Name = item.Name, NameEn = item.NameEn, Description = item.Description, DescriptionEn = item.DescriptionEn,
                Price = Rubles.Input(item.Price), Tags = item.Tags, CategoryId = item.CategoryId,
            }
            : new ItemInput { CategoryId = categoryId ?? Sections.FirstOrDefault()?.Id ?? 0 };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken ct)
    {
        var price = MenuTexts.ParsePrice(Input.Price);
        if (ModelState.IsValid && price is null)
        {
            ModelState.AddModelError("Input.Price", MenuTexts.Error(MenuEditError.PriceInvalid));
        }

        if (ModelState.IsValid)
        {
            var current = id is { } existing ? await library.ItemAsync(existing, ct) : null;
            var (error, savedId) = id is not null && current is null
                ? (MenuEditError.NotFound, null)
                : await editor.SaveItemAsync(id, Input.CategoryId, Input.Name, Input.Description, price!.Value, Input.Tags, current?.SortOrder ?? 0, Input.NameEn, Input.DescriptionEn, ct);
            if (error == MenuEditError.None)
            {
                TempData["Flash"] = id is null ? "Позиция добавлена — уже на сайте и в боте." : "Позиция сохранена.";
                return RedirectToPage(new { id = savedId });
            }

            ModelState.AddModelError("", MenuTexts.Error(error));
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAvailableAsync(int id, bool available, CancellationToken ct) =>
        Done(id, await editor.SetItemAvailableAsync(id, available, ct), available ? "Позиция снова в продаже." : "Позиция в стоп-листе.");

    public async Task<IActionResult> OnPostAttachAsync(int id, int groupId, CancellationToken ct) =>
        Done(id, await editor.AttachOptionGroupAsync(id, groupId, ct), "Опция добавлена к позиции.");

    public async Task<IActionResult> OnPostDetachAsync(int id, int groupId, CancellationToken ct) =>
        Done(id, await editor.DetachOptionGroupAsync(id, groupId, ct), "Опция убрана с позиции; в библиотеке она осталась.");

    public async Task<IActionResult> OnPostRestoreAsync(int id, CancellationToken ct) =>
        Done(id, await editor.RestoreAsync(MenuEntry.Item, id, ct), "Позиция возвращена из архива — снова на сайте и в боте.");

    public async Task<IActionResult> OnPostPhotoAsync(int id, IFormFile? photo, CancellationToken ct)
    {
        if (photo is null || photo.Length == 0)
        {
            return Done(id, MenuEditError.PhotoNotAnImage, "");
        }

        if (photo.Length > MenuEditor.MaxPhotoBytes)
        {
            return Done(id, MenuEditError.PhotoTooLarge, "");
        }

        using var buffer = new MemoryStream();
        await photo.CopyToAsync(buffer, ct);
        return Done(id, await editor.SetPhotoAsync(id, buffer.ToArray(), ct), "Фото обновлено.");
    }

    private async Task<bool> LoadAsync(int? id, CancellationToken ct)
    {
        Sections = await catalog.GetForStaffAsync(ct);
        Library = await library.GroupsAsync(ct);
        if (id is { } existing)
        {
            Item = await library.ItemAsync(existing, ct);
            return Item is not null;
        }

        return true;
    }

    private RedirectToPageResult Done(int id, MenuEditError error, string ok)
    {
        TempData["Flash"] = error == MenuEditError.None ? ok : MenuTexts.Error(error);
        return error == MenuEditError.NotFound ? RedirectToPage("Index") : RedirectToPage(new { id });
    }

    public sealed class ItemInput
    {
        [Required]
        [StringLength(150)]
        [Display(Name = "Название")]
        public string? Name { get; set; }

        [StringLength(150)]
        [Display(Name = "Название (англ.)")]
        public string? NameEn { get; set; }

        [StringLength(1000)]
        [Display(Name = "Описание")]
        public string? Description { get; set; }

        [StringLength(1000)]
        [Display(Name = "Описание (англ.)")]
        public string? DescriptionEn { get; set; }

        [Required]
        [StringLength(20)]
        [Display(Name = "Цена, ₽")]
        public string? Price { get; set; }

        [StringLength(200)]
        [Display(Name = "Метки")]
        public string? Tags { get; set; }

        [Display(Name = "Раздел")]
        public int CategoryId { get; set; }
    }
}
