using System.Globalization;
using System.Net;
using HookahLounge.Bot.Conversations.Home;
using HookahLounge.Bot.Keyboards;
using HookahLounge.Bot.Routing;
using HookahLounge.Bot.Texts;
using HookahLounge.Core;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Stateless;
using Telegram.Bot.Types.ReplyMarkups;

namespace HookahLounge.Bot.Conversations.Booking;

/// <summary>
/// Booking a table, or moving a booking: date → party size → time (with duration) → place → phone (once)
/// → confirm. Back works at every step; only real availability is offered, and the booking itself goes
/// through the same Core rules as the site and the admin pages.
/// </summary>
public sealed class BookingConversation(
    IStringLocalizer<BotTexts> t,
    LoungeProfile lounge,
    LoungeDbContext db,
    BookingService bookings,
    BookingSettingsStore settingsStore,
    TableAvailability availability) : IConversation
{
    public const string ConversationName = "Booking";
    private const int CalendarDays = 14;

    public enum State
    {
        PickingDate,
        PickingParty,
        PickingTime,
        PickingPlace,
        AwaitingPhone,
        Confirming,
    }

    private enum Trigger
    {
        Date,
        Party,
        Duration,
        Time,
        Place,
        Phone,
        Confirm,
        Back,
        Quit,
        Unrecognised,
    }

    public string Name => ConversationName;

    public async Task EnterAsync(ConversationContext context, CancellationToken ct)
    {
        var settings = await settingsStore.GetAsync(ct);
        var draft = BookingDraft.FromJson(context.Session.DraftJson) ?? new BookingDraft();
        draft = draft with { Duration = draft.Duration > 0 ? draft.Duration : settings.DefaultDurationMinutes };
        context.Session.State = nameof(State.PickingDate);
        context.Session.DraftJson = draft.ToJson();
        context.Acknowledge();
        ShowDates(context, settings, draft);
    }

    public async Task HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var settings = await settingsStore.GetAsync(ct);
        var draft = BookingDraft.FromJson(context.Session.DraftJson) ?? new BookingDraft { Duration = settings.DefaultDurationMinutes };
        var state = Enum.TryParse<State>(context.Session.State, out var saved) ? saved : State.PickingDate;
        var moving = draft.MoveBookingId is not null;
        var machine = new StateMachine<State, Trigger>(() => state, s => state = s);
        var date = machine.SetTriggerParameters<DateOnly>(Trigger.Date);
        var party = machine.SetTriggerParameters<int>(Trigger.Party);
        var duration = machine.SetTriggerParameters<int>(Trigger.Duration);
        var time = machine.SetTriggerParameters<TimeOnly>(Trigger.Time);
        var place = machine.SetTriggerParameters<int>(Trigger.Place);
        var phone = machine.SetTriggerParameters<string>(Trigger.Phone);
        var hasPhone = () => !string.IsNullOrWhiteSpace(context.Customer.Phone);

        machine.Configure(State.PickingDate)
            .OnEntry(() => ShowDates(context, settings, draft))
            .PermitDynamic(date, d =>
            {
                draft = draft with { Date = d, Time = null };
                return moving ? State.PickingTime : State.PickingParty;
            });

        machine.Configure(State.PickingParty)
            .OnEntry(() => context.Show(t["Bk.PickParty"] + "\n" + t["Bk.BigParty", settings.MaxPartySize, Html(lounge.Options.Phone)], PartyKeyboard(settings)))
            .PermitDynamic(party, p =>
            {
                draft = draft with { Party = p };
                return State.PickingTime;
            })
            .Permit(Trigger.Back, State.PickingDate);

        machine.Configure(State.PickingTime)
            .OnEntryAsync(() => ShowTimesAsync(context, settings, draft, ct))
            .PermitDynamic(duration, minutes =>
            {
                draft = draft with { Duration = minutes };
                return State.PickingTime;
            })
            .PermitDynamic(time, chosen =>
            {
                draft = draft with { Time = chosen };
                return moving ? State.Confirming : State.PickingPlace;
            })
            .PermitDynamic(Trigger.Back, () => moving ? State.PickingDate : State.PickingParty);

        machine.Configure(State.PickingPlace)
            .OnEntryAsync(() => ShowPlacesAsync(context, settings, draft, ct))
            .PermitDynamic(place, zone =>
            {
                draft = draft with { ZoneId = zone == 0 ? null : zone };
                return hasPhone() ? State.Confirming : State.AwaitingPhone;
            })
            .Permit(Trigger.Back, State.PickingTime);

        machine.Configure(State.AwaitingPhone)
            .OnEntry(() =>
            {
                context.Acknowledge();
                context.Send(t["Bk.AskPhone"], new ReplyKeyboardMarkup([[KeyboardButton.WithRequestContact(t["Bk.SharePhone"])]]) { ResizeKeyboard = true, OneTimeKeyboard = true });
            })
            .PermitDynamic(phone, number =>
            {
                context.Customer.Phone = number;
                context.Send(t["Bk.PhoneSaved"], new ReplyKeyboardRemove());
                return State.Confirming;
            })
            .Permit(Trigger.Back, State.PickingPlace);

        machine.Configure(State.Confirming)
            .OnEntryAsync(() => ShowSummaryAsync(context, settings, draft, ct))
            .InternalTransitionAsync(Trigger.Confirm, () => ConfirmAsync(context, settings, draft, ct))
            .PermitDynamic(Trigger.Back, () => moving ? State.PickingTime : State.PickingPlace);

        machine.OnUnhandledTrigger((current, trigger) =>
        {
            if (trigger == Trigger.Back && current == State.PickingDate)
            {
                return;
            }

            if (current == State.AwaitingPhone && context.Input.Kind is InputKind.Text or InputKind.Contact)
            {
                context.Send(t["Bk.BadPhone"]);
                return;
            }

            context.Acknowledge(context.Input.Kind == InputKind.Button ? t["StaleButton"].Value : null);
            context.Send(t["Unknown"]);
        });

        if (context.Input.Kind == InputKind.Button && context.Input.Text == new CallbackData("bk", "closed").ToString())
        {
            context.Acknowledge(t["Bk.ClosedDay"]);
            return;
        }

        var (trigger, argument) = Recognise(context.Input, state, settings);
        if (trigger == Trigger.Quit || (trigger == Trigger.Back && state == State.PickingDate))
        {
            context.Acknowledge();
            context.Show(t["Bk.Quitted"]);
            context.SwitchTo(HomeConversation.ConversationName);
            return;
        }

        switch (trigger)
        {
            case Trigger.Date: await machine.FireAsync(date, (DateOnly)argument!); break;
            case Trigger.Party: await machine.FireAsync(party, (int)argument!); break;
            case Trigger.Duration: await machine.FireAsync(duration, (int)argument!); break;
            case Trigger.Time: await machine.FireAsync(time, (TimeOnly)argument!); break;
            case Trigger.Place: await machine.FireAsync(place, (int)argument!); break;
            case Trigger.Phone: await machine.FireAsync(phone, (string)argument!); break;
            default: await machine.FireAsync(trigger); break;
        }

        if (context.Handoff is null)
        {
            context.Session.State = state.ToString();
            context.Session.DraftJson = draft.ToJson();
        }

        context.Acknowledge();
    }

    private (Trigger Trigger, object? Argument) Recognise(GuestInput input, State state, BookingSettings settings)
    {
        if (input.Kind == InputKind.Contact && state == State.AwaitingPhone)
        {
            return PhoneNumber.TryNormalize(input.Phone, out var shared) ? (Trigger.Phone, shared) : (Trigger.Unrecognised, null);
        }

        if (input.Kind == InputKind.Text && state == State.AwaitingPhone)
        {
            return PhoneNumber.TryNormalize(input.Text, out var typed) ? (Trigger.Phone, typed) : (Trigger.Unrecognised, null);
        }

        if (input.Kind != InputKind.Button || !CallbackData.TryParse(input.Text, out var data) || data.Area != "bk")
        {
            return (Trigger.Unrecognised, null);
        }

        var argument = data.Argument;
        return data.Action switch
        {
            "date" when DateOnly.TryParseExact(argument, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => (Trigger.Date, d),
            "party" when data.TryGetIntArgument(out var p) && p <= settings.MaxPartySize => (Trigger.Party, p),
            "dur" when data.TryGetIntArgument(out var m) && settings.DurationChoices().Contains(m) => (Trigger.Duration, m),
            "time" when TimeOnly.TryParseExact(argument, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var tm) => (Trigger.Time, tm),
            "zone" when int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var z) => (Trigger.Place, z),
            "ok" => (Trigger.Confirm, null),
            "back" => (Trigger.Back, null),
            "quit" => (Trigger.Quit, null),
            _ => (Trigger.Unrecognised, null),
        };
    }

    private void ShowDates(ConversationContext context, BookingSettings settings, BookingDraft draft)
    {
        var culture = CultureInfo.CurrentUICulture;
        var buttons = availability.BookableDates(settings, CalendarDays).Select(d => d.Open
            ? Buttons.Button(d.Date.ToString("ddd d.MM", culture), new CallbackData("bk", "date", d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            : Buttons.Button($"{t["Bk.Closed"]} {d.Date.ToString("ddd d.MM", culture)}", new CallbackData("bk", "closed")));
        var rows = buttons.Chunk(3).Select(r => r.ToArray()).ToList();
        rows.Add([Buttons.Button(t["Bk.Quit"], new CallbackData("bk", "quit"))]);
        var title = draft.MoveBookingCode is { } code ? $"🔁 {Html(code)}\n{t["Bk.PickDate"]}" : t["Bk.PickDate"].Value;
        context.Show(title, new InlineKeyboardMarkup(rows));
    }

    private InlineKeyboardMarkup PartyKeyboard(BookingSettings settings)
    {
        var rows = Enumerable.Range(1, settings.MaxPartySize)
            .Select(n => Buttons.Button(n.ToString(CultureInfo.InvariantCulture), new CallbackData("bk", "party", n.ToString(CultureInfo.InvariantCulture))))
            .Chunk(5).Select(r => r.ToArray()).ToList();
        rows.Add(NavigationRow());
        return new InlineKeyboardMarkup(rows);
    }

    private async Task ShowTimesAsync(ConversationContext context, BookingSettings settings, BookingDraft draft, CancellationToken ct, IReadOnlyList<DateTime>? only = null)
    {
        var culture = CultureInfo.CurrentUICulture;
        var day = draft.Date!.Value;
        var starts = only ?? [.. (await availability.SlotsAsync(settings, day, draft.Party!.Value, draft.Duration, excludeBookingId: draft.MoveBookingId, ct: ct)).Select(s => s.LocalStart)];
        var durations = settings.DurationChoices().Select(m => Buttons.Button(
                (m == draft.Duration ? "• " : "") + t["Bk.Hours", (m / 60m).ToString("0.#", culture)],
                new CallbackData("bk", "dur", m.ToString(CultureInfo.InvariantCulture))))
            .Chunk(4).Select(r => r.ToArray());
        var times = starts.Select(s => Buttons.Button(s.ToString("HH:mm", culture), new CallbackData("bk", "time", s.ToString("HH:mm", CultureInfo.InvariantCulture))))
            .Chunk(4).Select(r => r.ToArray());
        var rows = times.Concat(durations).Append(NavigationRow()).ToList();
        var hours = t["Bk.Hours", (draft.Duration / 60m).ToString("0.#", culture)];
        var header = starts.Count == 0
            ? t["Bk.NoTimes", day.ToString("d MMMM", culture), draft.Party!.Value]
            : t["Bk.PickTime", day.ToString("ddd, d MMMM", culture), draft.Party!.Value, hours];
        context.Show(header, new InlineKeyboardMarkup(rows));
    }

    private async Task ShowPlacesAsync(ConversationContext context, BookingSettings settings, BookingDraft draft, CancellationToken ct)
    {
        var slots = await availability.SlotsAsync(settings, draft.Date!.Value, draft.Party!.Value, draft.Duration, ct: ct);
        var start = availability.LocalStartOn(draft.Date.Value, draft.Time!.Value);
        var zones = slots.FirstOrDefault(s => s.LocalStart == start)?.FreeTables
            .Where(tb => tb.Zone is not null).Select(tb => tb.Zone!).DistinctBy(z => z.Id).OrderBy(z => z.SortOrder).ToList() ?? [];
        var rows = new List<InlineKeyboardButton[]> { new[] { Buttons.Button(t["Bk.AnyPlace"], new CallbackData("bk", "zone", "0")) } };
        rows.AddRange(zones.Select(z => new[] { Buttons.Button(z.Name, new CallbackData("bk", "zone", z.Id.ToString(CultureInfo.InvariantCulture))) }));
        rows.Add(NavigationRow());
        context.Show(t["Bk.PickPlace"], new InlineKeyboardMarkup(rows));
    }

    private async Task ShowSummaryAsync(ConversationContext context, BookingSettings settings, BookingDraft draft, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var start = availability.LocalStartOn(draft.Date!.Value, draft.Time!.Value)!.Value;
        var when = $"{start.ToString("ddd, d MMMM, HH:mm", culture)}–{start.AddMinutes(draft.Duration).ToString("HH:mm", culture)}";
        var hours = t["Bk.Hours", (draft.Duration / 60m).ToString("0.#", culture)];
        var zone = draft.ZoneId is { } zoneId ? await db.Zones.AsNoTracking().Where(z => z.Id == zoneId).Select(z => z.Name).SingleOrDefaultAsync(ct) : null;
        var text = draft.MoveBookingId is null
            ? t["Bk.Summary", when, draft.Party!.Value, hours, Html(zone ?? t["Bk.AnyPlace"]), Html(context.Customer.Phone ?? ""), settings.HoldMinutes]
            : t["Bk.SummaryMove", when, draft.Party!.Value, hours, "", "", "", Html(draft.MoveBookingCode ?? "")];
        var keyboard = new InlineKeyboardMarkup(
        [
            [Buttons.Button(t["Bk.Confirm"], new CallbackData("bk", "ok"))],
            NavigationRow(),
        ]);
        if (context.Input.Kind == InputKind.Button)
        {
            context.Show(text, keyboard);
        }
        else
        {
            context.Send(text, keyboard);
        }
    }

    private async Task ConfirmAsync(ConversationContext context, BookingSettings settings, BookingDraft draft, CancellationToken ct)
    {
        var customer = context.Customer;
        var result = draft.MoveBookingId is { } moving
            ? await bookings.RescheduleAsync(moving, draft.Date!.Value, draft.Time!.Value, draft.Duration, null, Actor.Guest(customer.Id), ct)
            : await bookings.CreateAsync(new BookingRequest(
                draft.Date!.Value, draft.Time!.Value, draft.Party!.Value, draft.Duration, BookingSource.Bot,
                customer.Name ?? customer.TelegramUsername ?? "Гость Telegram", customer.Phone, customer.Id, draft.ZoneId), ct);

        if (result.Succeeded)
        {
            context.Acknowledge();
            context.Show(await CardAsync(result.Booking!, ct), new InlineKeyboardMarkup(
            [
                [Buttons.Button(t["Btn.MyBookings"], Buttons.Mine)],
                [Buttons.Button(t["Btn.Home"], Buttons.Home)],
            ]));
            context.SwitchTo(HomeConversation.ConversationName, HomeConversation.StayQuietDraft);
            return;
        }

        if (result.Error == BookingError.SlotTaken)
        {
            context.Acknowledge();
            context.Send(t["Bk.Taken"]);
            await ShowTimesAsync(context, settings, draft, ct, result.Alternatives);
            context.Session.State = nameof(State.PickingTime);
            return;
        }

        var reason = result.Error switch
        {
            BookingError.PartySize => t["Bk.Error.PartySize"],
            BookingError.TooSoon or BookingError.OutsideHours or BookingError.Closed or BookingError.TooFarAhead => t["Bk.Error.Time"],
            BookingError.NotAllowed => t["Bk.CannotChange", Html(lounge.Options.Phone)],
            _ => t["Bk.Error.Generic"],
        };
        context.Acknowledge();
        context.Send(t["Bk.Failed", reason]);
    }

    public async Task<string> CardAsync(Core.Bookings.Booking booking, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var start = lounge.ToLocal(booking.StartUtc);
        var when = $"{start.ToString("ddd, d MMMM, HH:mm", culture)}–{lounge.ToLocal(booking.EndUtc).ToString("HH:mm", culture)}";
        var table = booking.TableId is { } id ? await db.Tables.AsNoTracking().Where(x => x.Id == id).Select(x => (int?)x.Number).SingleOrDefaultAsync(ct) : null;
        var held = await bookings.HeldUntilLocalAsync(booking, ct);
        return t["Bk.Card", Html(booking.Code), when, booking.PartySize, table is null ? "" : t["Bk.Table", table], t[$"Booking.{booking.Status}"], held.ToString("HH:mm", culture)];
    }

    private InlineKeyboardButton[] NavigationRow() =>
        [Buttons.Button(t["Bk.Back"], new CallbackData("bk", "back")), Buttons.Button(t["Bk.Quit"], new CallbackData("bk", "quit"))];

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
