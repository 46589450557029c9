using System.Globalization;
using HookahLounge.Bot.Keyboards;
using HookahLounge.Bot.Routing;
using HookahLounge.Bot.Texts;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Lounge;
using Microsoft.Extensions.Localization;
using Telegram.Bot.Types.ReplyMarkups;
using static HookahLounge.Bot.Conversations.ConversationContext;

namespace HookahLounge.Bot.Conversations.Booking;

/// <summary>
/// "Подтвердить в Telegram" on a site booking's page: <c>/start bk_&lt;token&gt;</c> shows the booking with a
/// confirm button (<c>bkv:yes:&lt;token&gt;</c>); confirming verifies the booking and joins its phone to this
/// guest. Works before the 18+ question too, since the booking was made on the site. Forged, used and expired
/// links get a polite answer and change nothing.
/// </summary>
public sealed class BookingLink(BookingService bookings, IStringLocalizer<BotTexts> t, LoungeProfile lounge)
{
    public const string Area = "bkv";

    /// <summary>The token of a <c>/start</c> payload that is a booking link, else null.</summary>
    public static string? TokenFrom(string? startPayload) =>
        startPayload is not null && startPayload.StartsWith(BookingService.TelegramLinkPrefix, StringComparison.Ordinal)
            ? startPayload[BookingService.TelegramLinkPrefix.Length..]
            : null;

    /// <summary>Whether a button is this link's confirm button (any token: a forged one is answered, not ignored).</summary>
    public static bool Owns(CallbackData button) => button is { Area: Area, Action: "yes" };

    /// <summary>The guest followed the link: the booking and a confirm button, or why there is nothing to confirm.</summary>
    public async Task OpenAsync(ConversationContext context, string token, CancellationToken ct)
    {
        var found = await bookings.FindByTelegramTokenAsync(token, ct);
        if (found is { Succeeded: true, Booking: { } booking })
        {
            var confirm = new InlineKeyboardMarkup([[Buttons.Button(t["Bkv.Confirm"], new CallbackData(Area, "yes", token))]]);
            context.Send(new Screen(t["Bkv.Ask", Html(booking.Code), When(booking), booking.PartySize, Html(booking.GuestName), Html(booking.GuestPhone)], confirm));
            return;
        }

        context.Send(Refusal(found));
    }

    /// <summary>The guest pressed "confirm" under the booking.</summary>
    public async Task ConfirmAsync(ConversationContext context, string? token, CancellationToken ct)
    {
        var result = await bookings.VerifyByTelegramAsync(token, context.Customer, ct);
        context.Acknowledge();
        context.Show(result is { Succeeded: true, Booking: { } booking }
            ? new Screen(t["Bkv.Done", Html(booking.Code), When(booking)])
            : Refusal(result));
    }

    private Screen Refusal(BookingResult result) => new(result switch
    {
        { Error: BookingError.AlreadyDone, Booking: { } booking } => t["Bkv.Already", Html(booking.Code), When(booking)],
        { Error: BookingError.LinkExpired } => t["Bkv.Expired", Html(lounge.Options.Phone)],
        _ => t["Bkv.Unknown", Html(lounge.Options.Phone)],
    });

    private string When(Core.Bookings.Booking booking) =>
        lounge.ToLocal(booking.StartUtc).ToString("ddd, d MMMM, HH:mm", CultureInfo.CurrentUICulture);
}
