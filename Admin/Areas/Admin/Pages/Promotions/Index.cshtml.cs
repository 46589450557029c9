using System.Globalization;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Promotions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Promotions;

/// <summary>Promos and events shown on the site and in the bot.</summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class PromotionsIndexModel(PromotionBoard board, LoungeProfile lounge) : AdminPageModel
{
    public IReadOnlyList<Promotion> Promotions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Promotions = await board.AllAsync(ct);

    public string LocalInput(DateTime? utc) => utc is { } value ? lounge.ToLocal(value).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : "";

    public async Task<IActionResult> OnPostSaveAsync(
        int? id, PromotionKind kind, string? title, string? description, string? titleEn, string? descriptionEn, string? starts, string? ends, bool published, CancellationToken ct)
    {
        if (!Enum.IsDefined(kind) || !TryLocal(starts, out var start) || !TryLocal(ends, out var end))
        {
            TempData["Flash"] = "Проверьте даты (формат даты и времени). Ничего не изменено.";
            return RedirectToPage();
        }

        TempData["Flash"] = await board.SaveAsync(id, kind, title, description, start, end, published, titleEn, descriptionEn, ct) switch
        {
            PromotionError.None => "Сохранено — уже на сайте и в боте." ,
            PromotionError.TitleMissing => "Укажите заголовок (до 200 символов). Ничего не изменено.",
            PromotionError.DescriptionMissing => "Добавьте описание (до 2000 символов). Ничего не изменено.",
            PromotionError.EnglishTooLong => "Английский заголовок — до 200 символов, описание — до 2000. Ничего не изменено.",
            PromotionError.DatesInvalid => "У события должно быть начало, а конец — позже начала. Ничего не изменено.",
            _ => "Не найдено.",
        };
        return RedirectToPage();
    }

    private static bool TryLocal(string? text, out DateTime? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
