using System.Globalization;
using System.Security.Claims;
using HookahLounge.Core;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Lounge;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Bookings;

/// <summary>
/// The host's stand: a business day's timeline across midnight (click a free slot to book, drag or pick a new
/// time/table to move), the live floor plan with one-tap walk-ins, search by name, phone or code, and the list
/// with status actions. Every action is a plain form; script only adds dragging and keeps the "now" line moving.
/// </summary>
public sealed class BookingsIndexModel(BookingService bookings, FloorPlan floor, FloorStatus floorStatus, LoungeProfile lounge) : AdminPageModel
{
    public const int SlotMinutes = 30;

    [BindProperty(SupportsGet = true)]
    public string? Date { get; set; }

    [BindProperty(SupportsGet = true)]
    public BookingStatus? Status { get; set; }

    /// <summary>Name, phone (or its last digits) or booking code.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public DateOnly Day { get; private set; }

    public bool IsToday => Day == lounge.BusinessToday;

    public IReadOnlyList<Booking> Bookings { get; private set; } = [];

    public IReadOnlyList<Booking> Found { get; private set; } = [];

    public IReadOnlyList<LoungeTable> Tables { get; private set; } = [];

    public IReadOnlyList<TableNow> FloorNow { get; private set; } = [];

    /// <summary>Local slot starts of the day's session, for the timeline header; empty when closed.</summary>
    public IReadOnlyList<DateTime> Slots { get; private set; } = [];

    public IReadOnlyList<Booking> TimelineBookings { get; private set; } = [];

    public DateTime LocalNow => lounge.LocalNow;

    /// <summary>Where "now" falls on the timeline, in slots from its start; null when now is outside the day shown.</summary>
    public double? NowPosition => Slots.Count > 0 && LocalNow >= Slots[0] && LocalNow < Slots[^1].AddMinutes(SlotMinutes)
        ? (LocalNow - Slots[0]).TotalMinutes / SlotMinutes
        : null;

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

        // The timeline shows what holds tables, whatever the list filter.
        TimelineBookings = [.. all.Where(b => b.HoldsTable)];
        if (!string.IsNullOrWhiteSpace(Q))
        {
            Found = await bookings.SearchAsync(Q, ct: ct);
        }

        if (IsToday)
        {
            FloorNow = await floorStatus.NowAsync(ct);
        }
    }

    public DateTime Local(DateTime utc) => lounge.ToLocal(utc);

    public string BusinessDate(Booking booking) => lounge.Hours.BusinessDateAt(Local(booking.StartUtc)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A slot staff can still book (not already over today).</summary>
    public bool IsBookable(DateTime slot) => slot.AddMinutes(SlotMinutes) > LocalNow.AddMinutes(-TableAvailability.StaffBackdateMinutes);

    public IReadOnlyList<BookingAction> ActionsFor(Booking booking) =>
        new BookingLifecycle(new Booking { Code = booking.Code, GuestName = booking.GuestName, Status = booking.Status }, Actor.Staff(0, "")).AvailableActions;

    public static bool CanMove(Booking booking) => booking.Status is BookingStatus.New or BookingStatus.Confirmed;

    private Actor StaffActor() =>
        Actor.Staff(int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture), User.FindFirstValue(ClaimTypes.GivenName) ?? "");

    public async Task<IActionResult> OnPostStatusAsync(int id, BookingAction action, string? reason, CancellationToken ct)
    {
        // A value that does not bind (a forged "action") must not fall back to the enum's first member.
        var result = ModelState.IsValid && Enum.IsDefined(action)
            ? await bookings.ChangeStatusAsync(id, action, StaffActor(), reason, ct)
            : new BookingResult(BookingError.NotAllowed);
        TempData["Flash"] = result.Succeeded
            ? $"Бронь {result.Booking!.Code}: {BookingTexts.Status(result.Booking.Status)}. Гость получит уведомление."
            : BookingTexts.Error(result.Error) + " Ничего не изменено.";
        return RedirectToPage(new { Date, Status, Q });
    }

    /// <summary>Moves a booking to another time and/or table on its day, keeping its length and party (the Core move rule).</summary>
    public async Task<IActionResult> OnPostMoveAsync(int id, string? time, int? tableId, CancellationToken ct)
    {
        var booking = ModelState.IsValid ? await bookings.FindAsync(id, ct) : null;
        if (booking is null)
        {
            TempData["Flash"] = "Бронь не найдена. Ничего не изменено.";
            return RedirectToPage(new { Date, Status, Q });
        }

        var start = lounge.ToLocal(booking.StartUtc);
        var day = lounge.Hours.BusinessDateAt(start);
        if (!TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            TempData["Flash"] = $"Бронь {booking.Code}: укажите время в формате ЧЧ:ММ. Ничего не изменено.";
            return RedirectToPage(new { Date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Status, Q });
        }

        var result = await bookings.RescheduleAsync(id, day, at, (int)(booking.EndUtc - booking.StartUtc).TotalMinutes, tableId ?? booking.TableId, StaffActor(), ct);
        TempData["Flash"] = result.Succeeded
            ? $"Бронь {result.Booking!.Code} перенесена: {Local(result.Booking.StartUtc):HH:mm}, стол {await TableNumberAsync(result.Booking.TableId, ct)}. Гость получит уведомление."
            : $"Бронь {booking.Code}: {BookingTexts.Error(result.Error)}{(result.Alternatives.Count > 0 ? " Свободно рядом: " + string.Join(", ", result.Alternatives.Select(a => a.ToString("HH:mm", CultureInfo.InvariantCulture))) + "." : "")} Ничего не изменено.";
        return RedirectToPage(new { Date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Status, Q });
    }

    /// <summary>A guest without a booking sits down at a free table now.</summary>
    public async Task<IActionResult> OnPostWalkInAsync(int tableId, int? party, CancellationToken ct)
    {
        var result = ModelState.IsValid
            ? await bookings.SeatWalkInAsync(tableId, party, StaffActor(), ct: ct)
            : new BookingResult(BookingError.TableUnsuitable);
        var number = await TableNumberAsync(tableId, ct);
        TempData["Flash"] = result.Error switch
        {
            BookingError.None => $"Стол {number}: гости посажены до {Local(result.Booking!.EndUtc):HH:mm} (бронь {result.Booking.Code}). Имя и телефон можно дописать в брони.",
            BookingError.SlotTaken when result.Alternatives.Count > 0 => $"Стол {number} нужен уже в {result.Alternatives[0]:HH:mm} — посадите за другой. Ничего не изменено.",
            BookingError.SlotTaken => $"Стол {number} сейчас занят. Ничего не изменено.",
            BookingError.Closed => "Сейчас заведение закрыто. Ничего не изменено.",
            BookingError.TableUnsuitable => "Этот стол не подходит для такой компании или выключен. Ничего не изменено.",
            _ => BookingTexts.Error(result.Error) + " Ничего не изменено.",
        };
        return RedirectToPage(new { Q });
    }

    private async Task<string> TableNumberAsync(int? tableId, CancellationToken ct) =>
        tableId is { } id && await floor.TableNumberAsync(id, ct) is { } number ? number.ToString(CultureInfo.InvariantCulture) : "—";
}

public static class FloorTexts
{
    public static string State(TableState state) => state switch
    {
        TableState.Free => "свободен",
        TableState.BookedSoon => "скоро бронь",
        TableState.Seated => "гости за столом",
        _ => "зовут!",
    };
}
