using HookahLounge.Bot.Conversations.Home;
using HookahLounge.Bot.Texts;
using HookahLounge.Core;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Lounge;
using Microsoft.Extensions.Localization;
using Stateless;
using Telegram.Bot.Types.ReplyMarkups;
using static HookahLounge.Bot.Conversations.ConversationContext;

namespace HookahLounge.Bot.Conversations.Booking;

/// <summary>
/// Booking a table, or moving a booking: date → party size → time (with duration) → place → phone (once)
/// → confirm. Back works at every step; only real availability is offered; a clash offers the nearest free
/// times, which work when pressed. The booking itself goes through the same Core rules as the site and admin.
/// </summary>
public sealed class BookingDialog : Dialog<BookingDialog.State, BookingDialog.Trigger>
{
    private const int CalendarDays = 14;
    private readonly BookingScreens _screens;
    private readonly LoungeProfile _lounge;
    private readonly BookingService _bookings;
    private readonly TableAvailability _availability;
    private readonly FloorPlan _floor;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<DateOnly> _pickDate;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<int> _pickParty;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<int> _pickDuration;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<TimeOnly> _pickTime;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<int> _pickPlace;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<string> _givePhone;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<Core.Bookings.Booking> _booked;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<IReadOnlyList<DateTime>> _taken;

    public enum State
    {
        Outside,
        Date,
        Party,
        Time,
        Place,
        Phone,
        Confirm,
    }

    public enum Trigger
    {
        Open,
        PickDate,
        PickParty,
        PickDuration,
        PickTime,
        PickPlace,
        GivePhone,
        Booked,
        Taken,
        Back,
        Quit,
    }

    public BookingDialog(
        ConversationContext context,
        IStringLocalizer<BotTexts> t,
        BookingScreens screens,
        LoungeProfile lounge,
        BookingService bookings,
        BookingSettings settings,
        TableAvailability availability,
        FloorPlan floor) : base(context, t, State.Outside)
    {
        _screens = screens;
        _lounge = lounge;
        _bookings = bookings;
        _availability = availability;
        _floor = floor;
        Settings = settings;
        var draft = BookingDraft.FromJson(context.Session.DraftJson) ?? new BookingDraft();
        Draft = draft with { Duration = draft.Duration > 0 ? draft.Duration : settings.DefaultDurationMinutes };
        _pickDate = Machine.SetTriggerParameters<DateOnly>(Trigger.PickDate);
        _pickParty = Machine.SetTriggerParameters<int>(Trigger.PickParty);
        _pickDuration = Machine.SetTriggerParameters<int>(Trigger.PickDuration);
        _pickTime = Machine.SetTriggerParameters<TimeOnly>(Trigger.PickTime);
        _pickPlace = Machine.SetTriggerParameters<int>(Trigger.PickPlace);
        _givePhone = Machine.SetTriggerParameters<string>(Trigger.GivePhone);
        _booked = Machine.SetTriggerParameters<Core.Bookings.Booking>(Trigger.Booked);
        _taken = Machine.SetTriggerParameters<IReadOnlyList<DateTime>>(Trigger.Taken);
        Configure();
    }

    public BookingSettings Settings { get; }

    public BookingDraft Draft { get; private set; }

    private bool Moving => Draft.MoveBookingId is not null;

    private bool HasPhone => !string.IsNullOrWhiteSpace(Context.Customer.Phone);

    private void Configure()
    {
        foreach (var state in Enum.GetValues<State>().Where(s => s != State.Outside))
        {
            Machine.Configure(state).Permit(Trigger.Quit, State.Outside).Permit(Trigger.Booked, State.Outside);
        }

        Machine.Configure(State.Outside)
            .Permit(Trigger.Open, State.Date)
            .PermitIf(_pickDate, State.Party, _ => !Moving, "a promo's date")
            .OnEntryFrom(Trigger.Quit, Quitted)
            .OnEntryFrom(Trigger.Back, Quitted)
            .OnEntryFromAsync(_booked, async booking =>
            {
                var table = booking.TableId is { } tableId ? await _floor.TableNumberAsync(tableId, Context.Cancellation) : null;
                var card = _screens.Card(booking, table, _bookings.HeldUntilLocal(booking, Settings));
                Context.Show(Moving ? card : HookahLounge.Bot.Conversations.Settings.SettingsConversation.WithNewsQuestionOnce(card, Context, T, _lounge.UtcNow));
                Context.SwitchTo(HomeConversation.ConversationName, HomeConversation.Quiet);
            });

        Machine.Configure(State.Date)
            .OnEntryAsync(ShowCurrentScreenAsync)
            .PermitReentry(Trigger.Open)
            .PermitIf(Trigger.PickDate, State.Party, () => !Moving, "new booking")
            .PermitIf(Trigger.PickDate, State.Time, () => Moving, "moving a booking")
            .Permit(Trigger.Back, State.Outside);

        Machine.Configure(State.Party)
            .OnEntryFrom(_pickDate, date => Draft = Draft with { Date = date, Time = null, Alternatives = null })
            .OnEntryAsync(ShowCurrentScreenAsync)
            .PermitIf(_pickParty, State.Time, party => party <= Settings.MaxPartySize, "party fits")
            .InternalTransitionIf(_pickParty, party => party > Settings.MaxPartySize, (_, _) =>
                Context.Send(T["Bk.BigParty", Settings.MaxPartySize, Html(_lounge.Options.Phone)]))
            .Permit(Trigger.Back, State.Date);

        Machine.Configure(State.Time)
            .OnEntryFrom(_pickDate, date => Draft = Draft with { Date = date, Time = null, Alternatives = null })
            .OnEntryFrom(_pickParty, party => Draft = Draft with { Party = party, Alternatives = null })
            .OnEntryFrom(_taken, alternatives =>
            {
                Context.Acknowledge();
                Draft = Draft with { Alternatives = [.. alternatives] };
            })
            .OnEntryAsync(ShowCurrentScreenAsync)
            .InternalTransitionAsync(_pickDuration, async (minutes, _) =>
            {
                Draft = Draft with { Duration = minutes, Alternatives = null };
                await ShowCurrentScreenAsync();
            })
            .PermitIf(Trigger.PickTime, State.Place, () => !Moving && !Draft.PlaceChosen, "place not chosen yet")
            .PermitIf(Trigger.PickTime, State.Confirm, () => Moving || (Draft.PlaceChosen && HasPhone), "moving, or place and phone known")
            .PermitIf(Trigger.PickTime, State.Phone, () => !Moving && Draft.PlaceChosen && !HasPhone, "phone unknown")
            .PermitIf(Trigger.Back, State.Date, () => Moving, "moving a booking")
            .PermitIf(Trigger.Back, State.Party, () => !Moving, "new booking");

        Machine.Configure(State.Place)
            .OnEntryFrom(_pickTime, time => Draft = Draft with { Time = time, Alternatives = null })
            .OnEntryAsync(ShowCurrentScreenAsync)
            .PermitIf(Trigger.PickPlace, State.Confirm, () => HasPhone, "phone known")
            .PermitIf(Trigger.PickPlace, State.Phone, () => !HasPhone, "phone unknown")
            .Permit(Trigger.Back, State.Time);

        Machine.Configure(State.Phone)
            .OnEntryFrom(_pickPlace, zone => Draft = Draft with { ZoneId = zone == 0 ? null : zone, PlaceChosen = true })
            .OnEntryFrom(_pickTime, time => Draft = Draft with { Time = time, Alternatives = null })
            .OnEntry(() =>
            {
                Context.Acknowledge();
                Context.Send(_screens.Phone());
            })
            .Permit(Trigger.GivePhone, State.Confirm)
            .Permit(Trigger.Back, State.Place)
            .OnExit(transition => Context.Send(PhoneStep.Leave(T, transition.Trigger == Trigger.GivePhone)));

        Machine.Configure(State.Confirm)
            .OnEntryFrom(_pickPlace, zone => Draft = Draft with { ZoneId = zone == 0 ? null : zone, PlaceChosen = true })
            .OnEntryFrom(_pickTime, time => Draft = Draft with { Time = time, Alternatives = null })
            .OnEntryFrom(_givePhone, phone => Context.Customer.Phone = phone)
            .OnEntryAsync(ShowCurrentScreenAsync)
            .Permit(Trigger.Taken, State.Time)
            .PermitIf(Trigger.Back, State.Time, () => Moving, "moving a booking")
            .PermitIf(Trigger.Back, State.Place, () => !Moving, "new booking");
    }

    public void Save() => Context.Session.DraftJson = Current == State.Outside ? null : Draft.ToJson();

    public Task OpenAsync() => Machine.FireAsync(Trigger.Open);

    /// <summary>Opens straight at the party step on a promo's date; false when that date cannot be booked.</summary>
    public async Task<bool> TryOpenOnAsync(DateOnly date)
    {
        if (Moving || !_availability.BookableDates(Settings, CalendarDays).Any(d => d.Date == date && d.Open))
        {
            return false;
        }

        await Machine.FireAsync(_pickDate, date);
        return true;
    }

    public async Task PickDateAsync(DateOnly date)
    {
        if (_availability.BookableDates(Settings, CalendarDays).Any(d => d.Date == date && d.Open))
        {
            await Machine.FireAsync(_pickDate, date);
            return;
        }

        Context.Acknowledge(T["Bk.ClosedDay"]);
        await ShowCurrentAsync();
    }

    public Task ClosedDayAsync()
    {
        Context.Acknowledge(T["Bk.ClosedDay"]);
        return Task.CompletedTask;
    }

    public Task PickPartyAsync(int party) => Machine.FireAsync(_pickParty, party);

    public Task PickDurationAsync(int minutes) => Machine.FireAsync(_pickDuration, minutes);

    public Task PickTimeAsync(TimeOnly time) => Machine.FireAsync(_pickTime, time);

    public Task PickPlaceAsync(int zone) => Machine.FireAsync(_pickPlace, zone);

    public Task GivePhoneAsync(string? sent) => PhoneStep.AnswerAsync(Context, T, sent, BackAsync, phone => Machine.FireAsync(_givePhone, phone));

    public async Task BackAsync()
    {
        await Machine.FireAsync(Trigger.Back);
    }

    public Task QuitAsync() => Machine.FireAsync(Trigger.Quit);

    public async Task ConfirmAsync()
    {
        if (Current != State.Confirm || Draft is not { Date: { } date, Time: { } time, Party: { } party })
        {
            await NotNowAsync();
            return;
        }

        var customer = Context.Customer;
        var result = Draft.MoveBookingId is { } moving
            ? await _bookings.RescheduleAsync(moving, date, time, Draft.Duration, null, Actor.Guest(customer.Id), Context.Cancellation)
            : await _bookings.CreateAsync(new BookingRequest(
                date, time, party, Draft.Duration, BookingSource.Bot,
                customer.Name ?? customer.TelegramUsername ?? "Гость Telegram", customer.Phone, customer.Id, Draft.ZoneId), Context.Cancellation);
        Context.Acknowledge();
        if (result.Succeeded)
        {
            await Machine.FireAsync(_booked, result.Booking!);
            return;
        }

        if (result.Error == BookingError.SlotTaken)
        {
            await Machine.FireAsync(_taken, result.Alternatives);
            return;
        }

        var reason = result.Error switch
        {
            BookingError.PartySize => T["Bk.Error.PartySize"],
            BookingError.TooSoon or BookingError.OutsideHours or BookingError.Closed or BookingError.TooFarAhead => T["Bk.Error.Time"],
            BookingError.NotAllowed => T["Bk.CannotChange", Html(_lounge.Options.Phone)],
            BookingError.Blocked => T["Bk.Error.Blocked", Html(_lounge.Options.Phone)],
            _ => T["Bk.Error.Generic"],
        };
        Context.Send(T["Bk.Failed", reason]);
    }

    protected override async Task<Screen> CurrentScreenAsync()
    {
        var ct = Context.Cancellation;
        switch (Current)
        {
            case State.Party:
                return _screens.Party(Settings);
            case State.Time when Draft is { Date: { } day, Party: { } party }:
                var starts = Draft.Alternatives is { Count: > 0 } alternatives
                    ? alternatives
                    : [.. (await _availability.SlotsAsync(Settings, day, party, Draft.Duration, excludeBookingId: Draft.MoveBookingId, ct: ct)).Select(s => s.LocalStart)];
                return _screens.Times(Settings, Draft, starts);
            case State.Place when Draft is { Date: { } day, Party: { } party, Time: { } time }:
                var slots = await _availability.SlotsAsync(Settings, day, party, Draft.Duration, ct: ct);
                var start = _availability.LocalStartOn(day, time);
                var zones = slots.FirstOrDefault(s => s.LocalStart == start)?.FreeTables
                    .Where(tb => tb.Zone is not null).Select(tb => tb.Zone!).DistinctBy(z => z.Id).OrderBy(z => z.SortOrder).ToList() ?? [];
                return _screens.Places(zones);
            case State.Phone:
                return _screens.Phone();
            case State.Confirm when Draft is { Date: { } day, Time: { } time } && _availability.LocalStartOn(day, time) is { } localStart:
                var zone = Draft.ZoneId is { } zoneId ? await _floor.ZoneNameAsync(zoneId, ct) : null;
                return _screens.Summary(Settings, Draft, localStart, zone, Context.Customer.Phone);
            default:
                return _screens.Dates(_availability.BookableDates(Settings, CalendarDays), Draft.MoveBookingCode);
        }
    }

    private async Task ShowCurrentScreenAsync() => Context.Show(await CurrentScreenAsync());

    private void Quitted()
    {
        Context.Acknowledge();
        Context.Show(_screens.Quitted());
        Context.SwitchTo(HomeConversation.ConversationName);
    }
}
