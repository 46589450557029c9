using System.Globalization;
using System.Security.Claims;
using HookahLounge.Core;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Lounge;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Bookings;

/// <summary>A business day's bookings: the table timeline across midnight, the list, and status actions.</summary>
public sealed class BookingsIndexModel(BookingService bookings, FloorPlan floor, LoungeProfile lounge) : AdminPageModel
{
    public const int SlotMinutes = 30;

    [BindProperty(SupportsGet = true)]
    public string? Date { get; set; }

    [BindProperty(SupportsGet = true)]
    public BookingStatus? Status { get; set; }

    public DateOnly Day { get; private set; }

    public IReadOnlyList<Booking> Bookings { get; private set; } = [];

    public IReadOnlyList<LoungeTable> Tables { get; private set; } = [];

    /// <summary>Local slot starts of the day's session, for the timeline header; empty when closed.</summary>
    public IReadOnlyList<DateTime> Slots { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Day = DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : lounge.BusinessToday;
        Date = Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var all = await bookings.ForBusinessDayAsync(Day, ct);
        Bookings = Status is { } status ? [.. all.Where(b => b.Status == status)] : all;
        Tables = [.. (await floor.ZonesAsync(ct)).SelectMany(z => z.Tables.Where(t => t.IsActive).Select(t => { t.Zone = z; return t; }))];
        if (lounge.Hours.SessionOn(Day) is var (opens, closes))
        {
            var slots = new List<DateTime>();
            for (var at = opens; at < closes; at = at.AddMinutes(SlotMinutes))
            {
                slots.Add(at);
            }

            Slots = slots;
        }

        // Timeline shows what holds tables, whatever the list filter.
        TimelineBookings = [.. all.Where(b => b.HoldsTable)];
    }

    public IReadOnlyList<Booking> TimelineBookings { get; private set; } = [];

    public DateTime Local(DateTime utc) => lounge.ToLocal(utc);

    public IReadOnlyList<BookingAction> ActionsFor(Booking booking) =>
        new BookingLifecycle(new Booking { Code = booking.Code, GuestName = booking.GuestName, Status = booking.Status }, Actor.Staff(0, "")).AvailableActions;

    public async Task<IActionResult> OnPostStatusAsync(int id, BookingAction action, string? reason, CancellationToken ct)
    {
        var actor = Actor.Staff(int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture), User.FindFirstValue(ClaimTypes.GivenName) ?? "");
        var result = Enum.IsDefined(action)
            ? await bookings.ChangeStatusAsync(id, action, actor, reason, ct)
            : new BookingResult(BookingError.NotAllowed);
        TempData["Flash"] = result.Succeeded
            ? $"Бронь {result.Booking!.Code}: {BookingTexts.Status(result.Booking.Status)}. Гость получит уведомление."
            : BookingTexts.Error(result.Error);
        return RedirectToPage(new { Date, Status });
    }
}
