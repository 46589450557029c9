using System.Globalization;
using System.Security.Claims;
using HookahLounge.Core.Broadcasts;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Promotions;
using HookahLounge.Core.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HookahLounge.Admin.Areas.Admin.Pages.Broadcasts;

/// <summary>Composing a broadcast: text and its preview, photo, button, audience with its count, test, send now or schedule.</summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
[UploadLimit(MaxPostBytes, "Фото больше 5 МБ. Ничего не изменено.")]
public sealed class BroadcastEditModel(
    BroadcastService broadcasts,
    StaffAccounts staff,
    PromotionBoard promotions,
    MenuCatalog menu,
    LoungeProfile lounge) : AdminPageModel
{
    public const long MaxPostBytes = BroadcastService.MaxPhotoBytes + 200_000;

    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public ComposeInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Photo { get; set; }

    public Broadcast? Existing { get; private set; }

    /// <summary>
    /// The id for the form's links and buttons, left out for a new broadcast: an explicit null id in a link with a
    /// handler generates no address at all, and a button without one posts to no handler.
    /// </summary>
    public Dictionary<string, string> IdRoute => Id is { } id ? new() { ["id"] = id.ToString(CultureInfo.InvariantCulture) } : [];

    public List<string> Errors { get; } = [];

    public (int Telegram, int Sms)? Count { get; private set; }

    public IReadOnlyList<Promotion> Promotions { get; private set; } = [];

    public IReadOnlyList<MenuCategory> Sections { get; private set; } = [];

    public IReadOnlyList<SavedAudience> Audiences { get; private set; } = [];

    public string LoungeTimeZone => lounge.TimeZone.Id;

    public string MinScheduleValue => lounge.LocalNow.AddMinutes(1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private string StaffName => User.Identity?.Name ?? "staff";

    public async Task<IActionResult> OnGetAsync(int? audience, CancellationToken ct)
    {
        if (Id is { } id)
        {
            Existing = await broadcasts.FindAsync(id, ct);
            if (Existing is null)
            {
                return NotFound();
            }

            if (!Existing.IsEditable)
            {
                return RedirectToPage("Progress", new { id });
            }

            Input = ComposeInput.From(Existing);
        }

        if (audience is { } savedId && (await broadcasts.SavedAudiencesAsync(ct)).FirstOrDefault(a => a.Id == savedId) is { } saved)
        {
            Input = Input.WithAudience(AudienceFilter.FromJson(saved.AudienceJson));
        }

        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) =>
        SaveThenAsync(async broadcast =>
        {
            TempData["Flash"] = "Черновик сохранён.";
            return RedirectToPage(new { id = broadcast.Id });
        }, ct);

    /// <summary>Counts the audience as typed, saving nothing (the button, for a browser without the page's script).</summary>
    public async Task<IActionResult> OnPostCountAsync(CancellationToken ct)
    {
        await LoadExistingAsync(ct);
        var errors = await AudienceErrorsAsync(Input, ct);
        if (errors.Count == 0)
        {
            Count = await broadcasts.CountAsync(Input.Audience(), ct);
        }
        else
        {
            Errors.AddRange(errors);
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>
    /// The live count behind the audience fields (broadcast-count.js): the same fields as query parameters, checked as the
    /// button checks them; counts (and the sentence the page shows) as JSON, or 400 with the reason.
    /// </summary>
    public async Task<IActionResult> OnGetCountAsync([Bind(Prefix = nameof(Input))] ComposeInput input, CancellationToken ct)
    {
        if ((await AudienceErrorsAsync(input, ct)).FirstOrDefault() is { } error)
        {
            return BadRequest(new { error });
        }

        var (telegram, sms) = await broadcasts.CountAsync(input.Audience(), ct);
        return new JsonResult(new { telegram, sms, total = telegram + sms, text = BroadcastTexts.RecipientCount(telegram, sms) });
    }

    public Task<IActionResult> OnPostTestAsync(CancellationToken ct) =>
        SaveThenAsync(async broadcast =>
        {
            var me = int.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) ? await staff.FindActiveAsync(userId, ct) : null;
            if (me?.TelegramUserId is not { } chatId)
            {
                TempData["Flash"] = "Черновик сохранён. Тест отправить некуда: привяжите свой Telegram в разделе «Сотрудники».";
            }
            else
            {
                TempData["Flash"] = await broadcasts.SendTestAsync(broadcast.Id, chatId, ct) is { } error
                    ? $"Черновик сохранён, но тест не ушёл: {error}"
                    : "Черновик сохранён, тест отправлен вам в Telegram.";
            }

            return RedirectToPage(new { id = broadcast.Id });
        }, ct);

    public Task<IActionResult> OnPostSendNowAsync(CancellationToken ct) =>
        SaveThenAsync(async broadcast =>
        {
            if (await broadcasts.ScheduleAsync(broadcast.Id, null, ct) is { } error)
            {
                TempData["Flash"] = error;
                return RedirectToPage(new { id = broadcast.Id });
            }

            TempData["Flash"] = "Рассылка запущена.";
            return RedirectToPage("Progress", new { id = broadcast.Id });
        }, ct);

    public async Task<IActionResult> OnPostScheduleAsync(CancellationToken ct)
    {
        if (!DateTime.TryParseExact(Input.ScheduleAt, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            await LoadExistingAsync(ct);
            Errors.Add("Укажите дату и время отправки.");
            await LoadAsync(ct);
            return Page();
        }

        if (lounge.ToUtc(local) <= lounge.UtcNow)
        {
            await LoadExistingAsync(ct);
            Errors.Add("Это время уже прошло — выберите время в будущем (по часовому поясу заведения). Ничего не изменено.");
            await LoadAsync(ct);
            return Page();
        }

        return await SaveThenAsync(async broadcast =>
        {
            if (await broadcasts.ScheduleAsync(broadcast.Id, local, ct) is { } error)
            {
                TempData["Flash"] = error;
                return RedirectToPage(new { id = broadcast.Id });
            }

            TempData["Flash"] = $"Рассылка запланирована на {local.ToString("d MMMM, HH:mm", CultureInfo.GetCultureInfo("ru-RU"))}.";
            return RedirectToPage("Index");
        }, ct);
    }

    public async Task<IActionResult> OnPostUnscheduleAsync(CancellationToken ct)
    {
        if (Id is not { } id)
        {
            return NotFound();
        }

        TempData["Flash"] = await broadcasts.UnscheduleAsync(id, ct) ?? "Снято с расписания — снова черновик.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostSaveAudienceAsync(CancellationToken ct)
    {
        await LoadExistingAsync(ct);
        if (await AudienceErrorsAsync(Input, ct) is { Count: > 0 } problems)
        {
            Errors.AddRange(problems);
        }
        else if (await broadcasts.SaveAudienceAsync(Input.AudienceName, Input.Audience(), StaffName, ct) is { } error)
        {
            Errors.Add(error);
        }
        else
        {
            TempData["Flash"] = $"Аудитория «{Input.AudienceName!.Trim()}» сохранена.";
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetPhotoAsync(CancellationToken ct) =>
        Id is { } id && await broadcasts.FindAsync(id, ct) is { Photo: { } photo, PhotoContentType: { } type } ? File(photo, type) : NotFound();

    /// <summary>
    /// A form shown again after a value that did not bind shows the model's value instead: the checkbox helper would
    /// otherwise parse the posted text again ("maybe" for a box) and answer 500.
    /// </summary>
    public override void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        if (context.Result is PageResult)
        {
            foreach (var entry in ModelState.Values.Where(e => e.ValidationState == ModelValidationState.Invalid))
            {
                entry.RawValue = null;
            }
        }
    }

    private const string BindingError = "Проверьте поля: числа — целые, от 1, даты — в формате календаря. Ничего не изменено.";

    /// <summary>What is wrong with the audience as bound: the binder's own words for a field that did not bind, then Core's rules.</summary>
    private async Task<List<string>> AudienceErrorsAsync(ComposeInput input, CancellationToken ct) =>
        ModelState.IsValid
            ? await broadcasts.ValidateAudienceAsync(input.Audience(), ct)
            : [.. ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Where(m => m.Length > 0).DefaultIfEmpty(BindingError).Distinct()];

    /// <summary>Validates and saves the form; on any problem shows it again with the reasons and changes nothing.</summary>
    private async Task<IActionResult> SaveThenAsync(Func<Broadcast, Task<IActionResult>> then, CancellationToken ct)
    {
        await LoadExistingAsync(ct);
        if (!ModelState.IsValid)
        {
            Errors.Add(BindingError);
            await LoadAsync(ct);
            return Page();
        }

        byte[]? photo = null;
        if (Photo is { Length: > 0 })
        {
            using var buffer = new MemoryStream();
            await Photo.CopyToAsync(buffer, ct);
            photo = buffer.ToArray();
        }

        var (broadcast, errors) = await broadcasts.SaveAsync(Id, Input.ToInput(photo), StaffName, ct);
        if (errors.Count > 0 || broadcast is null)
        {
            Errors.AddRange(errors);
            await LoadAsync(ct);
            return Page();
        }

        return await then(broadcast);
    }

    private async Task LoadExistingAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            Existing = await broadcasts.FindAsync(id, ct);
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Promotions = await promotions.AllAsync(ct);
        Sections = await menu.GetForStaffAsync(ct);
        Audiences = await broadcasts.SavedAudiencesAsync(ct);
    }

    /// <summary>The compose form's fields as posted.</summary>
    public sealed class ComposeInput
    {
        public string? Title { get; set; }
        public string? Text { get; set; }
        public string? TextEn { get; set; }
        public BroadcastButtonKind ButtonKind { get; set; }
        public string? ButtonText { get; set; }
        public string? ButtonTextEn { get; set; }
        public string? ButtonUrl { get; set; }
        public DateOnly? ButtonDate { get; set; }
        public int? PromotionId { get; set; }
        public bool RemovePhoto { get; set; }

        [System.ComponentModel.DataAnnotations.Range(1, AudienceFilter.MaxDays)]
        [System.ComponentModel.DataAnnotations.Display(Name = "Были за последние N дней")]
        public int? VisitedWithinDays { get; set; }

        [System.ComponentModel.DataAnnotations.Range(1, AudienceFilter.MaxDays)]
        [System.ComponentModel.DataAnnotations.Display(Name = "Не были N дней и больше")]
        public int? NotVisitedForDays { get; set; }

        [System.ComponentModel.DataAnnotations.Display(Name = "Заказывали позицию")]
        public int? OrderedItemId { get; set; }
        [System.ComponentModel.DataAnnotations.Display(Name = "Заказывали из раздела")]
        public int? OrderedSectionId { get; set; }
        [System.ComponentModel.DataAnnotations.Display(Name = "Язык")]
        public string? Language { get; set; }
        [System.ComponentModel.DataAnnotations.Display(Name = "День рождения в ближайшие 7 дней")]
        public bool BirthdayThisWeek { get; set; }
        [System.ComponentModel.DataAnnotations.Display(Name = "Забронировали на событие")]
        public int? BookedForEventId { get; set; }
        [System.ComponentModel.DataAnnotations.Display(Name = "И гостям только с телефоном")]
        public bool IncludeSms { get; set; }
        public string? ScheduleAt { get; set; }
        public string? AudienceName { get; set; }

        public AudienceFilter Audience() => new()
        {
            VisitedWithinDays = VisitedWithinDays,
            NotVisitedForDays = NotVisitedForDays,
            OrderedItemId = OrderedItemId,
            OrderedSectionId = OrderedSectionId,
            Language = string.IsNullOrWhiteSpace(Language) ? null : Language,
            BirthdayThisWeek = BirthdayThisWeek,
            BookedForEventId = BookedForEventId,
            IncludeSms = IncludeSms,
        };

        public BroadcastInput ToInput(byte[]? photo) => new()
        {
            Title = Title,
            Text = Text,
            TextEn = TextEn,
            ButtonKind = ButtonKind,
            ButtonText = ButtonText,
            ButtonTextEn = ButtonTextEn,
            ButtonUrl = ButtonUrl,
            ButtonDate = ButtonDate,
            PromotionId = PromotionId,
            Audience = Audience(),
            Photo = photo,
            PhotoContentType = photo is null ? null : BroadcastService.PhotoType(photo),
            RemovePhoto = RemovePhoto,
        };

        public ComposeInput WithAudience(AudienceFilter a)
        {
            VisitedWithinDays = a.VisitedWithinDays;
            NotVisitedForDays = a.NotVisitedForDays;
            OrderedItemId = a.OrderedItemId;
            OrderedSectionId = a.OrderedSectionId;
            Language = a.Language;
            BirthdayThisWeek = a.BirthdayThisWeek;
            BookedForEventId = a.BookedForEventId;
            IncludeSms = a.IncludeSms;
            return this;
        }

        public static ComposeInput From(Broadcast b) => new ComposeInput
        {
            Title = b.Title,
            Text = b.Text,
            TextEn = b.TextEn,
            ButtonKind = b.ButtonKind,
            ButtonText = b.ButtonText,
            ButtonTextEn = b.ButtonTextEn,
            ButtonUrl = b.ButtonUrl,
            ButtonDate = b.ButtonDate,
            PromotionId = b.PromotionId,
        }.WithAudience(AudienceFilter.FromJson(b.AudienceJson));
    }
}
