using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using HookahLounge.Core;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Lounge;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Bookings;

/// <summary>Takes a booking by phone or moves one: the same availability rules as for guests, lead time aside.</summary>
public sealed class BookingEditModel(BookingService bookings, BookingSettingsStore settingsStore, FloorPlan floor, LoungeProfile lounge) : AdminPageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public BookingInput Input { get; set; } = new();

    public Booking? Existing { get; private set; }

    public BookingSettings Settings { get; private set; } = new();

    public IReadOnlyList<LoungeTable> Tables { get; private set; } = [];

    public IReadOnlyList<DateTime> Alternatives { get; private set; } = [];

    /// <summary>A new booking may come prefilled from a free slot on the timeline (date, time and table).</summary>
    public async Task<IActionResult> OnGetAsync(string? date, string? time, int? table, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Id is { } id)
        {
            if (Existing is null)
            {
                return NotFound();
            }

            var start = lounge.ToLocal(Existing.StartUtc);
            Input = new BookingInput
            {
                Date = lounge.Hours.BusinessDateAt(start).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Time = start.ToString("HH:mm", CultureInfo.InvariantCulture),
                Duration = (int)(Existing.EndUtc - Existing.StartUtc).TotalMinutes,
                Party = Existing.PartySize,
                TableId = Existing.TableId,
                Name = Existing.GuestName,
                Phone = Existing.GuestPhone,
                Comment = Existing.Comment,
            };
        }
        else
        {
            Input.Date = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? date
                : lounge.BusinessToday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Input.Time = TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? time : null;
            if (Tables.FirstOrDefault(t => t.Id == table) is { } picked)
            {
                Input.TableId = picked.Id;
                Input.Party = Math.Clamp(Input.Party, picked.SeatsMin, picked.SeatsMax);
            }

            Input.Duration = Settings.DefaultDurationMinutes;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Id is not null && Existing is null)
        {
            return NotFound();
        }

        if (!DateOnly.TryParseExact(Input.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            ModelState.AddModelError("Input.Date", "Укажите дату.");
        }

        if (!TimeOnly.TryParseExact(Input.Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            ModelState.AddModelError("Input.Time", "Укажите время в формате ЧЧ:ММ.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var actor = Actor.Staff(int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture), User.FindFirstValue(ClaimTypes.GivenName) ?? "");
        BookingResult result;
        if (Existing is null)
        {
            result = await bookings.CreateAsync(new BookingRequest(date, time, Input.Party, Input.Duration, Input.Source, Input.Name ?? "", Input.Phone,
                TableId: Input.TableId, Comment: Input.Comment), ct);
        }
        else
        {
            result = await bookings.UpdateDetailsAsync(Existing.Id, Input.Name ?? "", Input.Phone, Input.Comment, ct);
            var start = lounge.ToLocal(Existing.StartUtc);
            var moved = start.ToString("HH:mm", CultureInfo.InvariantCulture) != Input.Time
                        || lounge.Hours.BusinessDateAt(start) != date
                        || (int)(Existing.EndUtc - Existing.StartUtc).TotalMinutes != Input.Duration
                        || Existing.TableId != Input.TableId
                        || Existing.PartySize != Input.Party;
            if (result.Succeeded && moved)
            {
                result = await bookings.RescheduleAsync(Existing.Id, date, time, Input.Duration, Input.TableId, actor, ct, Input.Party);
            }
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError("", BookingTexts.Error(result.Error));
            Alternatives = result.Alternatives;
            return Page();
        }

        TempData["Flash"] = Existing is null ? $"Бронь {result.Booking!.Code} создана." : $"Бронь {result.Booking!.Code} сохранена.";
        return RedirectToPage("./Index", new { date = Input.Date });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Settings = await settingsStore.GetAsync(ct);
        Tables = [.. (await floor.ZonesAsync(ct)).SelectMany(z => z.Tables.Where(t => t.IsActive).Select(t => { t.Zone = z; return t; }))];
        Existing = Id is { } id ? await bookings.FindAsync(id, ct) : null;
    }

    public sealed class BookingInput
    {
        public string? Date { get; set; }

        public string? Time { get; set; }

        public int Duration { get; set; } = 120;

        [Range(1, 100, ErrorMessage = "Количество гостей — от 1.")]
        public int Party { get; set; } = 2;

        /// <summary>Null lets the rules pick the smallest fitting free table.</summary>
        public int? TableId { get; set; }

        [Required(ErrorMessage = "Укажите имя гостя.")]
        [StringLength(100)]
        public string? Name { get; set; }

        [StringLength(40)]
        public string? Phone { get; set; }

        [StringLength(1000)]
        public string? Comment { get; set; }

        public BookingSource Source { get; set; } = BookingSource.Phone;
    }
}
