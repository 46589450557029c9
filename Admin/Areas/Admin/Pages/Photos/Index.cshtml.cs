using HookahLounge.Core.Content;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Promotions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Photos;

/// <summary>The site's look: the home page's hero photo and a photo for each promo and event.</summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
[UploadLimit(MaxPostBytes, TooLarge)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxPostBytes)]
public sealed class PhotosIndexModel(SitePhotos photos, PromotionBoard promotions) : AdminPageModel
{
    public const int MaxPostBytes = MenuEditor.MaxPhotoBytes + 64 * 1024;
    private const string TooLarge = "Фото больше 2 МБ. Ничего не изменено.";

    public long? HeroVersion { get; private set; }

    public IReadOnlyList<Promotion> Promotions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        HeroVersion = await photos.HeroVersionAsync(ct);
        Promotions = await promotions.AllAsync(ct);
    }

    public async Task<IActionResult> OnPostHeroAsync(IFormFile? photo, CancellationToken ct) =>
        Done(await ReadAsync(photo, ct) is { } bytes ? await photos.SetHeroAsync(bytes, ct) : PhotoError.NotAnImage, "Фото на главной обновлено.");

    public async Task<IActionResult> OnPostRemoveHeroAsync(CancellationToken ct) =>
        Done(await photos.RemoveHeroAsync(ct), "Фото с главной убрано: там снова рисунок по умолчанию.");

    public async Task<IActionResult> OnPostPromotionAsync(int id, IFormFile? photo, CancellationToken ct) =>
        Done(await ReadAsync(photo, ct) is { } bytes ? await photos.SetPromotionPhotoAsync(id, bytes, ct) : PhotoError.NotAnImage, "Фото акции обновлено.");

    public async Task<IActionResult> OnPostRemovePromotionAsync(int id, CancellationToken ct) =>
        Done(await photos.RemovePromotionPhotoAsync(id, ct), "Фото акции убрано.");

    private static async Task<byte[]?> ReadAsync(IFormFile? photo, CancellationToken ct)
    {
        if (photo is null || photo.Length == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await photo.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private RedirectToPageResult Done(PhotoError error, string ok)
    {
        TempData["Flash"] = error switch
        {
            PhotoError.None => ok,
            PhotoError.TooLarge => TooLarge,
            PhotoError.NotAnImage => "Выберите фото в формате JPEG, PNG или WebP. Ничего не изменено.",
            _ => "Не найдено — возможно, уже удалено.",
        };
        return RedirectToPage();
    }
}
