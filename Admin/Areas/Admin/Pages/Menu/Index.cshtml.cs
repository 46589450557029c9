using System.Globalization;
using HookahLounge.Core.Menu;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Menu;

/// <summary>The menu editor: sections, items, options, stop-list switches and photos. Changes show at once on the site and in the bot.</summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
[UploadLimit(MaxPostBytes, "Фото больше 2 МБ. Ничего не изменено.")]
[RequestFormLimits(MultipartBodyLengthLimit = MaxPostBytes)]
public sealed class MenuIndexModel(MenuCatalog catalog, MenuEditor editor) : AdminPageModel
{
    public IReadOnlyList<MenuCategory> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Categories = await catalog.GetForStaffAsync(ct);

    public async Task<IActionResult> OnPostCategoryAsync(int? id, string? name, string? nameEn, string? slug, int sortOrder, bool isVisible, CancellationToken ct) =>
        Done(await editor.SaveCategoryAsync(id, name, slug, sortOrder, isVisible, nameEn, ct), "Раздел сохранён.");

    public async Task<IActionResult> OnPostItemAsync(
        int? id, int categoryId, string? name, string? description, string? nameEn, string? descriptionEn, string? price, string? tags, int sortOrder, CancellationToken ct)
    {
        if (!decimal.TryParse(price?.Replace(',', '.').Replace(" ", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return Done(MenuEditError.PriceInvalid, "");
        }

        return Done((await editor.SaveItemAsync(id, categoryId, name, description, value, tags, sortOrder, nameEn, descriptionEn, ct)).Error, "Позиция сохранена.");
    }

    public async Task<IActionResult> OnPostItemAvailableAsync(int id, bool available, CancellationToken ct) =>
        Done(await editor.SetItemAvailableAsync(id, available, ct), available ? "Позиция снова в продаже." : "Позиция в стоп-листе.");

    public async Task<IActionResult> OnPostValueAvailableAsync(int id, bool available, CancellationToken ct) =>
        Done(await editor.SetValueAvailableAsync(id, available, ct), available ? "Вариант снова доступен." : "Вариант в стоп-листе.");

    public async Task<IActionResult> OnPostValueDefaultAsync(int id, bool isDefault, CancellationToken ct) =>
        Done(await editor.SetValueDefaultAsync(id, isDefault, ct), isDefault ? "Вариант выбран по умолчанию." : "Вариант больше не выбран по умолчанию.");

    public async Task<IActionResult> OnPostGroupAsync(int itemId, string? name, string? nameEn, int min, int max, CancellationToken ct) =>
        Done(await editor.AddOptionGroupAsync(itemId, name, min, max, nameEn, ct), "Опция добавлена.");

    /// <summary>English names of an item's options and their values, posted as <c>groupEn[id]</c> and <c>valueEn[id]</c>.</summary>
    public async Task<IActionResult> OnPostOptionNamesEnAsync(int itemId, Dictionary<int, string?> groupEn, Dictionary<int, string?> valueEn, CancellationToken ct) =>
        Done(await editor.SetOptionNamesEnAsync(itemId, groupEn, valueEn, ct), "Английские названия опций сохранены.");

    public async Task<IActionResult> OnPostValueAsync(int groupId, string? name, string? nameEn, string? priceDelta, CancellationToken ct)
    {
        var delta = 0m;
        if (!string.IsNullOrWhiteSpace(priceDelta) && !decimal.TryParse(priceDelta.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out delta))
        {
            return Done(MenuEditError.PriceInvalid, "");
        }

        return Done(await editor.AddOptionValueAsync(groupId, name, delta, nameEn, ct), "Вариант добавлен.");
    }

    public async Task<IActionResult> OnPostRemoveGroupAsync(int id, CancellationToken ct) =>
        Done(await editor.RemoveOptionGroupAsync(id, ct), "Опция удалена.");

    public async Task<IActionResult> OnPostRemoveValueAsync(int id, CancellationToken ct) =>
        Done(await editor.RemoveOptionValueAsync(id, ct), "Вариант удалён.");

    /// <summary>A photo at the limit plus room for the form around it; every post of this page fits.</summary>
    public const int MaxPostBytes = MenuEditor.MaxPhotoBytes + 64 * 1024;

    public async Task<IActionResult> OnPostPhotoAsync(int id, IFormFile? photo, CancellationToken ct)
    {
        if (photo is null || photo.Length == 0)
        {
            return Done(MenuEditError.PhotoNotAnImage, "");
        }

        if (photo.Length > MenuEditor.MaxPhotoBytes)
        {
            return Done(MenuEditError.PhotoTooLarge, "");
        }

        using var buffer = new MemoryStream();
        await photo.CopyToAsync(buffer, ct);
        return Done(await editor.SetPhotoAsync(id, buffer.ToArray(), ct), "Фото обновлено.");
    }

    private RedirectToPageResult Done(MenuEditError error, string ok)
    {
        TempData["Flash"] = error switch
        {
            MenuEditError.None => ok,
            MenuEditError.NameMissing => "Укажите название. Ничего не изменено.",
            MenuEditError.SlugInvalid => "Адрес раздела — латиница, цифры и дефис (например, «hookahs»). Ничего не изменено.",
            MenuEditError.SlugTaken => "Такой адрес раздела уже есть. Ничего не изменено.",
            MenuEditError.PriceInvalid => "Цена — число не меньше нуля, например 1400 или 590,50. Ничего не изменено.",
            MenuEditError.RangeInvalid => "Выбор «от» не больше «до», «до» от 1 до 20. Ничего не изменено.",
            MenuEditError.PhotoTooLarge => "Фото больше 2 МБ. Ничего не изменено.",
            MenuEditError.PhotoNotAnImage => "Загрузите фото в формате JPEG, PNG или WebP. Ничего не изменено.",
            MenuEditError.EnglishTooLong => "Английский текст слишком длинный: название раздела, опции или варианта — до 100 символов, позиции — до 150, описание — до 1000. Ничего не изменено.",
            _ => "Не найдено — возможно, уже удалено.",
        };
        return RedirectToPage();
    }
}
