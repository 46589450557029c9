using System.Globalization;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using HookahLounge.Site.Extensions;
using HookahLounge.Site.Texts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HookahLounge.Site.Pages.Booking;

/// <summary>
/// Table booking without JavaScript: a GET form picks date, party and duration and lists only free times;
/// the POST form books one. Every problem is shown on the page, nothing is saved until all is right.
/// </summary>
[EnableRateLimiting(SiteExtensions.FormsRateLimit)]
public sealed class IndexModel(
    BookingService bookings,
    HookahLounge.Core.Broadcasts.PromoConsent promoConsent,
    BookingSettingsStore settingsStore,
    TableAvailability availability,
    LoungeDbContext db,
    LoungeProfile lounge,
    IStringLocalizer<SiteTexts> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Date { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Party { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Duration { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Zone { get; set; }

    [BindProperty]
    public GuestForm Guest { get; set; } = new();

    public BookingSettings Settings { get; private set; } = new();

    public IReadOnlyList<(DateOnly Date, bool Open)> Dates { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Zones { get; private set; } = [];

    /// <summary>Free starts for the chosen date and party; null until the first form was sent.</summary>
    public IReadOnlyList<DateTime>? Times { get; private set; }

    public DateOnly? ChosenDate { get; private set; }

    /// <summary>When the chosen date has no time for the party, the nearest later date that has.</summary>
    public DateOnly? NextFreeDate { get; private set; }

    /// <summary>The date the picker shows selected: the chosen one, else the first open date.</summary>
    public string? SelectedDate => Date ?? Dates.Where(d => d.Open).Select(d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).FirstOrDefault();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (Request.Query.Count == 0)
        {
            return;
        }

        await LoadTimesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (!await LoadTimesAsync(ct))
        {
            return Page();
        }

        // Every field is checked before anything is booked, so the guest sees all that needs fixing at once.
        if (!TimeOnly.TryParseExact(Guest.Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            ModelState.AddModelError("Guest.Time", t["Booking.ChooseTime"]);
        }

        if (Guest.Name is { Length: > GuestForm.NameMaxLength })
        {
            ModelState.AddModelError("Guest.Name", t["Booking.NameTooLong", GuestForm.NameMaxLength]);
        }

        if (Guest.Phone is { Length: > GuestForm.PhoneMaxLength })
        {
            ModelState.AddModelError("Guest.Phone", t["Booking.PhoneTooLong", GuestForm.PhoneMaxLength]);
        }
        else if (!string.IsNullOrWhiteSpace(Guest.Phone) && !HookahLounge.Core.Customers.PhoneNumber.TryNormalize(Guest.Phone, out _))
        {
            ModelState.AddModelError("Guest.Phone", t["Booking.Error.PhoneInvalid"]);
        }

        if (Guest.Comment is { Length: > Core.Bookings.Booking.CommentMaxLength } comment)
        {
            ModelState.AddModelError("Guest.Comment", t["Booking.CommentTooLong", Core.Bookings.Booking.CommentMaxLength, comment.Length]);
        }

        if (!Guest.Adult)
        {
            ModelState.AddModelError("Guest.Adult", t["Booking.AdultRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await bookings.CreateAsync(new BookingRequest(
            ChosenDate!.Value, time, Party!.Value, Duration!.Value, BookingSource.Site, Guest.Name!, Guest.Phone,
            ZoneId: Zone, Comment: Guest.Comment, ConsentGiven: Guest.Consent, ClientIp: HttpContext.Connection.RemoteIpAddress?.ToString()), ct);
        if (result.Succeeded)
        {
            if (Guest.Marketing && result.Booking!.CustomerId is { } customerId)
            {
                await promoConsent.GrantSmsFromSiteAsync(customerId, ct);
            }

            return RedirectToPage("/Booking/View", new { code = result.Booking!.Code, token = result.Booking.AccessToken });
        }

        ModelState.AddModelError(result.Error == BookingError.PhoneInvalid ? "Guest.Phone" : "", ErrorText(result.Error));
        if (result.Error == BookingError.SlotTaken)
        {
            Times = result.Alternatives;
            Guest.Time = null;
        }

        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Settings = await settingsStore.GetAsync(ct);
        Dates = availability.BookableDates(Settings, 31);
        Zones = [.. (await db.Zones.AsNoTracking().OrderBy(z => z.SortOrder).Select(z => new { z.Id, z.Name }).ToListAsync(ct)).Select(z => (z.Id, z.Name))];
        Duration ??= Settings.DefaultDurationMinutes;
    }

    /// <summary>Reads the chosen date and party; false (with a message) when they are not usable.</summary>
    private async Task<bool> LoadTimesAsync(CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || Dates.All(d => d.Date != date)
            || Party is not { } party || party < 1)
        {
            ModelState.AddModelError("", t["Booking.BadQuery"]);
            return false;
        }

        if (party > Settings.MaxPartySize)
        {
            ModelState.AddModelError("", t["Booking.Error.PartySize", Settings.MaxPartySize, lounge.Options.Phone]);
            return false;
        }

        if (!Settings.DurationChoices().Contains(Duration!.Value))
        {
            ModelState.AddModelError("", t["Booking.Error.Duration"]);
            return false;
        }

        if (Zone is { } zone && Zones.All(z => z.Id != zone))
        {
            Zone = null;
        }

        ChosenDate = date;
        var slots = await availability.SlotsAsync(Settings, date, party, Duration.Value, Zone, ct: ct);
        Times = [.. slots.Select(s => s.LocalStart)];
        if (Times.Count == 0 && !Request.HasFormContentType)
        {
            NextFreeDate = await NextDateWithTimesAsync(date, party, ct);
        }

        return true;
    }

    /// <summary>Looks a week ahead at most, so a fully booked month costs a handful of queries, not thirty.</summary>
    private async Task<DateOnly?> NextDateWithTimesAsync(DateOnly after, int party, CancellationToken ct)
    {
        foreach (var date in Dates.Where(d => d.Date > after && d.Open).Select(d => d.Date).Take(7))
        {
            if ((await availability.SlotsAsync(Settings, date, party, Duration!.Value, Zone, ct: ct)).Count > 0)
            {
                return date;
            }
        }

        return null;
    }

    public string ErrorText(BookingError error) => error switch
    {
        BookingError.PartySize => t["Booking.Error.PartySize", Settings.MaxPartySize],
        BookingError.Duration => t["Booking.Error.Duration"],
        BookingError.Closed => t["Booking.Error.Closed"],
        BookingError.OutsideHours => t["Booking.Error.OutsideHours"],
        BookingError.TooSoon => t["Booking.Error.TooSoon"],
        BookingError.TooFarAhead => t["Booking.Error.TooFarAhead"],
        BookingError.NameMissing => t["Booking.NameRequired"],
        BookingError.PhoneInvalid => t["Booking.Error.PhoneInvalid"],
        BookingError.ConsentMissing => t["Booking.ConsentRequired"],
        BookingError.SlotTaken => t["Booking.Error.SlotTaken"],
        BookingError.TooManyBookings => t["Booking.Error.TooMany", lounge.Options.Phone],
        BookingError.Blocked => t["Booking.Error.Blocked", lounge.Options.Phone],
        _ => t["Booking.Error.Generic"],
    };

    public sealed class GuestForm
    {
        public string? Time { get; set; }

        public const int NameMaxLength = 100;
        public const int PhoneMaxLength = 40;

        [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Booking.NameRequired")]
        public string? Name { get; set; }

        [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Booking.PhoneRequired")]
        public string? Phone { get; set; }

        /// <summary>Checked by the page (not an attribute) so the message can say how long it is.</summary>
        public string? Comment { get; set; }

        [System.ComponentModel.DataAnnotations.Range(typeof(bool), "true", "true", ErrorMessage = "Booking.ConsentRequired")]
        public bool Consent { get; set; }

        /// <summary>The separate, optional consent to promo SMS.</summary>
        public bool Marketing { get; set; }

        public bool Adult { get; set; }
    }
}
