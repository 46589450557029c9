using System.Security.Claims;
using System.Text;
using HookahLounge.Core.Customers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Customers;

/// <summary>One guest: figures from every channel, the whole history, notes, tags, booking block and the guest's data rights.</summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class CustomerCardModel(GuestRecords records, CustomerMerger merger, CustomerDirectory directory, HookahLounge.Core.Broadcasts.PromoConsent consent) : AdminPageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public GuestCard Card { get; private set; } = null!;

    /// <summary>When and how the guest gave or withdrew consent to promos.</summary>
    public IReadOnlyList<HookahLounge.Core.Broadcasts.ConsentChange> ConsentLog { get; private set; } = [];

    private string StaffName => User.FindFirstValue(ClaimTypes.GivenName) ?? User.Identity?.Name ?? "сотрудник";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await records.CardAsync(Id, ct) is not { } card)
        {
            return NotFound();
        }

        Card = card;
        ConsentLog = await consent.HistoryAsync(Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostNotesAsync(string? notes, string? tags, bool smsOptIn, bool promoOptIn, CancellationToken ct)
    {
        TempData["Flash"] = await records.SaveNotesAsync(Id, notes, tags, smsOptIn, promoOptIn, ct) ? "Заметки сохранены." : "Гость не найден или обезличен.";
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostBlockAsync(string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            TempData["Flash"] = "Укажите причину запрета брони.";
            return RedirectToPage(new { Id });
        }

        await records.SetBlockedAsync(Id, reason, StaffName, ct);
        TempData["Flash"] = "Онлайн-бронь для гостя запрещена.";
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostUnblockAsync(CancellationToken ct)
    {
        await records.SetBlockedAsync(Id, null, StaffName, ct);
        TempData["Flash"] = "Онлайн-бронь снова разрешена.";
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostExportAsync(CancellationToken ct) =>
        await records.ExportAsync(Id, StaffName, ct) is { } json
            ? File(Encoding.UTF8.GetBytes(json), "application/json", $"guest-{Id}.json")
            : NotFound();

    public async Task<IActionResult> OnPostAnonymiseAsync(bool confirm, CancellationToken ct)
    {
        TempData["Flash"] = !confirm ? "Подтвердите обезличивание галочкой."
            : await records.AnonymiseAsync(Id, StaffName, ct) ? "Данные гостя обезличены; заказы и брони остались в статистике."
            : "Гость уже обезличен.";
        return RedirectToPage(new { Id });
    }

    /// <summary>Joins another record (by its number or phone) into this one.</summary>
    public async Task<IActionResult> OnPostMergeAsync(string? other, CancellationToken ct)
    {
        int? otherId = int.TryParse(other?.Trim().TrimStart('#'), out var number) ? number
            : PhoneNumber.TryNormalize(other, out var phone) && await directory.FindByPhoneAsync(phone, ct) is { } byPhone ? byPhone.Id
            : null;
        if (otherId is not { } dropId || !await merger.MergeAsync(Id, dropId, StaffName, ct))
        {
            TempData["Flash"] = "Не удалось объединить: проверьте номер карточки или телефон (две записи Telegram не объединяются).";
            return RedirectToPage(new { Id });
        }

        // The Telegram record is kept when there is one; it may be the other one.
        var kept = await records.CardAsync(Id, ct) is null ? dropId : Id;
        TempData["Flash"] = "Записи объединены.";
        return RedirectToPage(new { Id = kept });
    }
}
