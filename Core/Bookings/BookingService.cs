using System.Globalization;
using System.Net;
using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Bookings;

public enum BookingError
{
    None,
    NotFound,
    NotAllowed,
    ReasonRequired,
}

public sealed record BookingResult(BookingError Error, Booking? Booking = null, string? Detail = null)
{
    public bool Succeeded => Error == BookingError.None;
}

/// <summary>Booking status changes and the news they carry to the guest and the staff chat.</summary>
public sealed class BookingService(LoungeDbContext db, Notifier notifier, LoungeProfile lounge, TimeProvider time)
{
    /// <summary>
    /// Announces a booking just added to the unit of work: the guest hears it was received, the staff chat
    /// gets it with Confirm / Decline buttons. The caller saves.
    /// </summary>
    public async Task AnnounceNewAsync(Booking booking, CancellationToken ct = default)
    {
        var customer = booking.Customer ?? (booking.CustomerId is { } id ? await db.Customers.FindAsync([id], ct) : null);
        var when = When(booking);
        await notifier.ToGuestAsync(customer, booking.GuestPhone, $"booking:{booking.Id}:received",
            language => notifier.Text(language, "Booking.Received", booking.Code, When(booking, language), booking.PartySize), ct: ct);
        var table = booking.TableId is { } tableId ? await db.Tables.AsNoTracking().Where(t => t.Id == tableId).Select(t => (int?)t.Number).SingleAsync(ct) : null;
        var text = $"📅 <b>Новая бронь {Html(booking.Code)}</b>\n{when}, гостей: {booking.PartySize}{(table is null ? "" : $", стол {table}")}\n"
                   + $"{Html(booking.GuestName)}{(booking.GuestPhone is { } phone ? $", {Html(phone)}" : "")}"
                   + (booking.Comment is { } comment ? $"\n💬 {Html(comment)}" : "");
        await notifier.ToStaffAsync($"booking:{booking.Id}:staff-new", text, StaffButtons(booking), ct);
    }

    public async Task<BookingResult> ChangeStatusAsync(int bookingId, BookingAction action, Actor actor, string? reason = null, CancellationToken ct = default)
    {
        var booking = await db.Bookings.Include(b => b.Customer).SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
        {
            return new(BookingError.NotFound);
        }

        // Staff refusing a guest's booking must say why; the guest cancelling need not.
        if (action == BookingAction.Cancel && actor.Kind == ActorKind.Staff && string.IsNullOrWhiteSpace(reason))
        {
            return new(BookingError.ReasonRequired, booking);
        }

        var lifecycle = new BookingLifecycle(booking, actor);
        if (!lifecycle.CanApply(action))
        {
            return new(BookingError.NotAllowed, booking, booking.Status.ToString());
        }

        var from = booking.Status;
        lifecycle.Apply(action);
        if (booking.Status == BookingStatus.Cancelled)
        {
            booking.CancelReason = reason?.Trim();
        }

        db.Add(new BookingStatusChange
        {
            BookingId = booking.Id,
            From = from,
            To = booking.Status,
            ByKind = actor.Kind,
            ByStaffUserId = actor.StaffUserId,
            ByName = actor.Name,
            Reason = reason?.Trim(),
            AtUtc = time.GetUtcNow().UtcDateTime,
        });
        var textKey = booking.Status == BookingStatus.Cancelled && !string.IsNullOrWhiteSpace(reason) ? "Booking.CancelledWithReason" : $"Booking.{booking.Status}";
        await notifier.ToGuestAsync(booking.Customer, booking.GuestPhone, $"booking:{booking.Id}:{booking.Status}",
            language => notifier.Text(language, textKey, booking.Code, When(booking, language), booking.Status == BookingStatus.Confirmed ? booking.PartySize : Html(reason ?? "")),
            ct: ct);
        await db.SaveChangesAsync(ct);
        return new(BookingError.None, booking);
    }

    public static IReadOnlyList<IReadOnlyList<ActionButton>> StaffButtons(Booking booking) =>
    [
        [new("✅ Подтвердить", $"staff:booking:confirm:{booking.Id}"), new("❌ Отклонить", $"staff:booking:decline:{booking.Id}")],
    ];

    private string When(Booking booking, string language = Notifier.StaffLanguage) =>
        lounge.ToLocal(booking.StartUtc).ToString("d MMMM, HH:mm", CultureInfo.GetCultureInfo(language));

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
