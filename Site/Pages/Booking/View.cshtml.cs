using HookahLounge.Core;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Lounge;
using HookahLounge.Site.Texts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace HookahLounge.Site.Pages.Booking;

/// <summary>The guest's own booking page, reached by the private link from the confirmation.</summary>
public sealed class ViewModel(
    BookingService bookings,
    LoungeProfile lounge,
    IStringLocalizer<SiteTexts> t,
    IOptions<PublicBookingOptions> publicOptions,
    IServiceProvider services) : PageModel
{
    /// <summary>The guest is asked for the SMS code (rather than told to wait for a call).</summary>
    public bool AsksForCode => publicOptions.Value.Verification == SiteBookingVerification.Sms && Booking?.VerificationCodeHash is not null;

    /// <summary>
    /// With bot verification, where the guest confirms the booking: the bot's <c>t.me</c> link with the booking's
    /// one-time token, or, when the bot runs as the in-process preview, the preview page opened with that link.
    /// Null when there is nothing to confirm there (or no bot to confirm in).
    /// </summary>
    public string? TelegramLink { get; private set; }

    /// <summary>How long an unconfirmed booking holds its table, in minutes.</summary>
    public int ConfirmMinutes => publicOptions.Value.CodeValidMinutes;

    public Core.Bookings.Booking? Booking { get; private set; }

    public DateTime HeldUntil { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, string? token, CancellationToken ct)
    {
        Booking = await bookings.FindByLinkAsync(code, token ?? "", ct);
        if (Booking is null)
        {
            return NotFound();
        }

        HeldUntil = await bookings.HeldUntilLocalAsync(Booking, ct);
        if (publicOptions.Value.Verification == SiteBookingVerification.Bot && Booking is { AwaitingVerification: true, TelegramTokenHash: not null, HoldsTable: true })
        {
            var start = BookingService.TelegramLinkPrefix + BookingService.TelegramToken(Booking);
            TelegramLink = services.GetService<HookahLounge.Bot.Preview.BotPreview>() is not null
                ? $"{Url.Content("~/admin/bot")}?start={start}"
                : lounge.BotLink(start);
        }

        return Page();
    }

    /// <summary>The booking as an .ics file for the guest's calendar.</summary>
    public async Task<IActionResult> OnGetCalendarAsync(string code, string? token, CancellationToken ct)
    {
        var booking = await bookings.FindByLinkAsync(code, token ?? "", ct);
        if (booking is null)
        {
            return NotFound();
        }

        var options = lounge.Options;
        var page = $"{Request.Scheme}://{Request.Host}{Url.Page("/Booking/View", new { code = booking.Code, token = booking.AccessToken })}";
        var ics = BookingCalendar.Write(new BookingCalendar.Event(
            Uid: $"booking-{booking.Code}@{Request.Host.Host}",
            StartUtc: booking.StartUtc,
            EndUtc: booking.EndUtc,
            StampUtc: lounge.UtcNow,
            Summary: t["Booking.CalendarTitle", lounge.Name],
            Location: string.Join(", ", new[] { lounge.Name, options.City, options.Address }.Where(part => !string.IsNullOrWhiteSpace(part))),
            Description: t["Booking.CalendarDetails", booking.Code, booking.PartySize, page] + $"\n{options.Phone}",
            Url: page,
            Latitude: options.Latitude,
            Longitude: options.Longitude,
            Status: booking.Status));
        return File(System.Text.Encoding.UTF8.GetBytes(ics), BookingCalendar.ContentType, $"booking-{booking.Code}.ics");
    }

    public async Task<IActionResult> OnPostVerifyAsync(string code, string? token, string? otp, CancellationToken ct)
    {
        var booking = await bookings.FindByLinkAsync(code, token ?? "", ct);
        if (booking is null)
        {
            return NotFound();
        }

        var result = await bookings.VerifyAsync(booking.Id, otp, ct);
        TempData["BookingMessage"] = result.Succeeded ? t["Booking.Verified"].Value : t["Booking.CodeInvalid", lounge.Options.Phone].Value;
        return RedirectToPage(new { code = booking.Code, token = booking.AccessToken });
    }

    public async Task<IActionResult> OnPostCancelAsync(string code, string? token, CancellationToken ct)
    {
        var booking = await bookings.FindByLinkAsync(code, token ?? "", ct);
        if (booking is null)
        {
            return NotFound();
        }

        var result = await bookings.ChangeStatusAsync(booking.Id, BookingAction.Cancel, Actor.BookingHolder, ct: ct);
        TempData["BookingMessage"] = result.Succeeded ? t["Booking.Cancelled"].Value : t["Booking.CannotCancel", lounge.Options.Phone].Value;
        return RedirectToPage(new { code = booking.Code, token = booking.AccessToken });
    }
}
