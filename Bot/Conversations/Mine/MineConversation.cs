using System.Globalization;
using System.Text;
using System.Text.Json;
using HookahLounge.Bot.Conversations.Booking;
using HookahLounge.Bot.Conversations.Ordering;
using HookahLounge.Bot.Keyboards;
using HookahLounge.Bot.Routing;
using HookahLounge.Bot.Texts;
using HookahLounge.Core;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Orders;
using Microsoft.Extensions.Localization;
using Stateless;
using Telegram.Bot.Types.ReplyMarkups;
using static HookahLounge.Bot.Conversations.ConversationContext;

namespace HookahLounge.Bot.Conversations.Mine;

/// <summary>
/// "My orders and bookings": what is coming up and what was ordered, cancelling a new order or a booking
/// (after asking), "running late" by 10/20/30 minutes, the reminder's answers, and repeating the last order.
/// </summary>
public sealed class MineConversation(
    IStringLocalizer<BotTexts> t,
    LoungeProfile lounge,
    GuestHistory history,
    BookingService bookings,
    BookingSettingsStore bookingSettings,
    OrderService orders,
    CartKeeper carts) : IConversation
{
    public const string ConversationName = "Mine";

    public string Name => ConversationName;

    public IReadOnlyCollection<string> Areas { get; } = ["mine", "bkm", "bkr"];

    public string EntryState => nameof(MineDialog.State.Outside);

    public string Graph(ConversationContext context) => Dialog(context, CancellationToken.None).ToDotGraph();

    /// <summary>The order or booking the guest is deciding about.</summary>
    public sealed record MineDraft(int? OrderId = null, int? BookingId = null);

    public Task EnterAsync(ConversationContext context, CancellationToken ct) => Dialog(context, ct).ShowListAsync();

    public void Leave(ConversationContext context)
    {
    }

    public bool Accepts(CallbackData button) => Intent(button) is not null;

    public Task HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var dialog = Dialog(context, ct);
        var intent = context.Input.Kind == InputKind.Button && CallbackData.TryParse(context.Input.Text, out var data) ? Intent(data) : null;
        return intent is null ? dialog.NotUnderstoodAsync() : intent(dialog);
    }

    private static Func<MineDialog, Task>? Intent(CallbackData data)
    {
        var hasId = data.TryGetIntArgument(out var id);
        return (data.Area, data.Action, data.Argument) switch
        {
            ("mine", "list", null) => d => d.ShowListAsync(),
            ("mine", "repeat", null) => d => d.RepeatLastOrderAsync(),
            ("mine", "ocancel", _) when hasId => d => d.AskToCancelOrderAsync(id),
            ("mine", "ocancelok", _) when hasId => d => d.CancelOrderAsync(id),
            ("bkm" or "bkr", "cancel", _) when hasId => d => d.AskToCancelBookingAsync(id),
            ("bkm", "cancelok", _) when hasId => d => d.CancelBookingAsync(id),
            ("bkm", "late", _) when hasId => d => d.AskHowLateAsync(id),
            ("bkm", "lateby", _) when hasId => d => d.RunningLateAsync(id),
            ("bkr", "yes", _) when hasId => d => d.WillComeAsync(id),
            ("bkr", "move", _) when hasId => d => d.MoveBookingAsync(id),
            _ => null,
        };
    }

    private MineDialog Dialog(ConversationContext context, CancellationToken ct) =>
        new(context, t, lounge, history, bookings, bookingSettings, orders, carts, ct);

    public sealed class MineDialog : Dialog<MineDialog.State, MineDialog.Trigger>
    {
        private readonly LoungeProfile _lounge;
        private readonly GuestHistory _history;
        private readonly BookingService _bookings;
        private readonly BookingSettingsStore _bookingSettings;
        private readonly OrderService _orders;
        private readonly CartKeeper _carts;
        private readonly CancellationToken _ct;
        private readonly StateMachine<State, Trigger>.TriggerWithParameters<Order> _askCancelOrder;
        private readonly StateMachine<State, Trigger>.TriggerWithParameters<Core.Bookings.Booking> _askCancelBooking;
        private readonly StateMachine<State, Trigger>.TriggerWithParameters<Core.Bookings.Booking> _askHowLate;

        public enum State
        {
            Outside,
            List,
            ConfirmingOrderCancel,
            ConfirmingBookingCancel,
            PickingLateness,
        }

        public enum Trigger
        {
            ShowList,
            AskCancelOrder,
            AskCancelBooking,
            AskHowLate,
            Done,
        }

        public MineDialog(
            ConversationContext context,
            IStringLocalizer<BotTexts> t,
            LoungeProfile lounge,
            GuestHistory history,
            BookingService bookings,
            BookingSettingsStore bookingSettings,
            OrderService orders,
            CartKeeper carts,
            CancellationToken ct) : base(context, t, State.Outside)
        {
            _lounge = lounge;
            _history = history;
            _bookings = bookings;
            _bookingSettings = bookingSettings;
            _orders = orders;
            _carts = carts;
            _ct = ct;
            _askCancelOrder = Machine.SetTriggerParameters<Order>(Trigger.AskCancelOrder);
            _askCancelBooking = Machine.SetTriggerParameters<Core.Bookings.Booking>(Trigger.AskCancelBooking);
            _askHowLate = Machine.SetTriggerParameters<Core.Bookings.Booking>(Trigger.AskHowLate);

            // Every step can go to every other: the guest may press any button of the list at any time.
            var destinations = new (Trigger Trigger, State Destination)[]
            {
                (Trigger.ShowList, State.List),
                (Trigger.Done, State.List),
                (Trigger.AskCancelOrder, State.ConfirmingOrderCancel),
                (Trigger.AskCancelBooking, State.ConfirmingBookingCancel),
                (Trigger.AskHowLate, State.PickingLateness),
            };
            foreach (var state in Enum.GetValues<State>())
            {
                var configuration = Machine.Configure(state);
                foreach (var (trigger, destination) in destinations)
                {
                    if (state == destination)
                    {
                        configuration.PermitReentry(trigger);
                    }
                    else
                    {
                        configuration.Permit(trigger, destination);
                    }
                }
            }

            Machine.Configure(State.List)
                .OnEntryFromAsync(Trigger.ShowList, ShowListScreenAsync);

            Machine.Configure(State.ConfirmingOrderCancel)
                .OnEntryFrom(_askCancelOrder, order =>
                {
                    Draft = new MineDraft(OrderId: order.Id);
                    context.Show(new Screen(T["Mine.CancelOrderAsk", order.Id, Rubles.Format(order.Total)], new InlineKeyboardMarkup(
                    [[
                        Buttons.Button(T["Bk.CancelYes"], new CallbackData("mine", "ocancelok", Buttons.Id(order.Id))),
                        Buttons.Button(T["Bk.CancelNo"], new CallbackData("mine", "list")),
                    ]])));
                });

            Machine.Configure(State.ConfirmingBookingCancel)
                .OnEntryFrom(_askCancelBooking, booking =>
                {
                    Draft = new MineDraft(BookingId: booking.Id);
                    context.Show(new Screen(T["Bk.CancelAsk", Html(booking.Code), When(booking)], new InlineKeyboardMarkup(
                    [[
                        Buttons.Button(T["Bk.CancelYes"], new CallbackData("bkm", "cancelok", Buttons.Id(booking.Id))),
                        Buttons.Button(T["Bk.CancelNo"], new CallbackData("mine", "list")),
                    ]])));
                });

            Machine.Configure(State.PickingLateness)
                .OnEntryFromAsync(_askHowLate, async booking =>
                {
                    Draft = new MineDraft(BookingId: booking.Id);
                    var settings = await _bookingSettings.GetAsync(_ct);
                    var limit = Math.Max(settings.MaxLateMinutes, settings.HoldMinutes);
                    var choices = new[] { 10, 20, 30 }.Where(m => m <= limit)
                        .Select(m => Buttons.Button(T["Mine.LateBy", m], new CallbackData("bkm", "lateby", Buttons.Id(m))));
                    context.Show(new Screen(T["Mine.HowLate", Html(booking.Code), limit, Html(_lounge.Options.Phone)], new InlineKeyboardMarkup(
                    [
                        [.. choices],
                        [Buttons.Button(T["Bk.Back"], new CallbackData("mine", "list"))],
                    ])));
                });
        }

        private MineDraft Draft
        {
            get
            {
                try
                {
                    return Context.Session.DraftJson is { } json ? JsonSerializer.Deserialize<MineDraft>(json) ?? new() : new();
                }
                catch (JsonException)
                {
                    return new();
                }
            }

            set => Context.Session.DraftJson = JsonSerializer.Serialize(value);
        }

        public Task ShowListAsync() => Machine.FireAsync(Trigger.ShowList);

        public async Task AskToCancelOrderAsync(int orderId)
        {
            var mine = await _history.ForCustomerAsync(Context.Customer.Id, ct: _ct);
            if (mine.RecentOrders.FirstOrDefault(o => o.Id == orderId) is not { Status: OrderStatus.New } order)
            {
                Context.Acknowledge(T["Mine.OrderCannotCancel"], alert: true);
                await ShowListAsync();
                return;
            }

            await Machine.FireAsync(_askCancelOrder, order);
        }

        public async Task CancelOrderAsync(int orderId)
        {
            if (Current != State.ConfirmingOrderCancel || Draft.OrderId != orderId)
            {
                await NotNowAsync();
                return;
            }

            var result = await _orders.ChangeStatusAsync(orderId, OrderAction.Cancel, Actor.Guest(Context.Customer.Id), ct: _ct);
            Context.Acknowledge(result.Succeeded ? T["Mine.OrderCancelled", orderId] : T["Mine.OrderCannotCancel"], alert: !result.Succeeded);
            await Machine.FireAsync(Trigger.Done);
            await ShowListScreenAsync();
        }

        public async Task AskToCancelBookingAsync(int bookingId)
        {
            if (await UpcomingAsync(bookingId) is { } booking)
            {
                await Machine.FireAsync(_askCancelBooking, booking);
            }
        }

        public async Task CancelBookingAsync(int bookingId)
        {
            if (await UpcomingAsync(bookingId) is not { } booking)
            {
                return;
            }

            if (Current != State.ConfirmingBookingCancel || Draft.BookingId != bookingId)
            {
                await Machine.FireAsync(_askCancelBooking, booking);
                return;
            }

            var cancelled = await _bookings.ChangeStatusAsync(booking.Id, BookingAction.Cancel, Actor.Guest(Context.Customer.Id), ct: _ct);
            await Machine.FireAsync(Trigger.Done);
            Context.Show(new Screen(
                cancelled.Succeeded ? T["Bk.CancelledOk", Html(booking.Code)] : T["Bk.CannotChange", Html(_lounge.Options.Phone)],
                new InlineKeyboardMarkup([[Buttons.Button(T["Btn.Mine"], new CallbackData("mine", "list"))], [Buttons.Button(T["Btn.Home"], Buttons.Home)]])));
        }

        public async Task AskHowLateAsync(int bookingId)
        {
            if (await UpcomingAsync(bookingId) is not { } booking)
            {
                return;
            }

            if (booking.LateMinutes is not null)
            {
                Context.Acknowledge(T["Mine.AlreadyLate", (await _bookings.HeldUntilLocalAsync(booking, _ct)).ToString("HH:mm", CultureInfo.InvariantCulture)], alert: true);
                return;
            }

            await Machine.FireAsync(_askHowLate, booking);
        }

        public async Task RunningLateAsync(int minutes)
        {
            if (Current != State.PickingLateness || Draft.BookingId is not { } bookingId || await UpcomingAsync(bookingId) is not { } booking)
            {
                await NotNowAsync();
                return;
            }

            var late = await _bookings.MarkRunningLateAsync(booking.Id, Context.Customer.Id, minutes, _ct);
            await Machine.FireAsync(Trigger.Done);
            var held = late.Booking is { } b ? (await _bookings.HeldUntilLocalAsync(b, _ct)).ToString("HH:mm", CultureInfo.InvariantCulture) : "";
            var text = late.Error switch
            {
                BookingError.None => T["Bk.LateOk", held],
                BookingError.AlreadyDone => T["Mine.AlreadyLate", held],
                BookingError.TooLate => T["Mine.TooLate", Html(_lounge.Options.Phone)],
                _ => T["Bk.CannotChange", Html(_lounge.Options.Phone)],
            };
            Context.Show(new Screen(text, new InlineKeyboardMarkup([[Buttons.Button(T["Btn.Mine"], new CallbackData("mine", "list"))], [Buttons.Button(T["Btn.Home"], Buttons.Home)]])));
        }

        public async Task WillComeAsync(int bookingId)
        {
            if (await UpcomingAsync(bookingId) is not { } booking)
            {
                return;
            }

            var attending = await _bookings.MarkAttendingAsync(booking.Id, Context.Customer.Id, _ct);
            Context.Acknowledge();
            Context.Send(attending.Succeeded
                ? T["Bk.AttendOk", _lounge.ToLocal(booking.StartUtc).ToString("HH:mm", CultureInfo.InvariantCulture)]
                : T["Bk.CannotChange", Html(_lounge.Options.Phone)]);
        }

        public async Task MoveBookingAsync(int bookingId)
        {
            if (await UpcomingAsync(bookingId) is not { Status: BookingStatus.New or BookingStatus.Confirmed } booking)
            {
                Context.Acknowledge(T["Bk.CannotChange", _lounge.Options.Phone], alert: true);
                return;
            }

            Context.SwitchTo(BookingConversation.ConversationName, new BookingDraft
            {
                MoveBookingId = booking.Id,
                MoveBookingCode = booking.Code,
                Party = booking.PartySize,
                Duration = (int)(booking.EndUtc - booking.StartUtc).TotalMinutes,
            }.ToJson());
        }

        public async Task RepeatLastOrderAsync()
        {
            var lines = await _orders.LastOrderLinesAsync(Context.Customer.Id, _ct);
            if (lines.Count == 0)
            {
                Context.Acknowledge(T["Or.NothingToRepeat"]);
                return;
            }

            // A new cart with its own id: the repeat becomes a new order, never the old one again.
            var cart = Cart.Of(lines.Select(l => new CartLine(l.MenuItemId, l.Quantity, [.. l.OptionValueIds ?? []])), _carts.UtcNow);
            _carts.Save(Context.Session, cart);
            Context.SwitchTo(OrderConversation.ConversationName, OrderDraft.AtCart);
        }

        protected override async Task<Screen> CurrentScreenAsync() => await ListScreenAsync();

        /// <summary>The guest's own upcoming booking, or a polite refusal for anything else (someone else's, past, gone).</summary>
        private async Task<Core.Bookings.Booking?> UpcomingAsync(int bookingId)
        {
            var booking = (await _history.ForCustomerAsync(Context.Customer.Id, ct: _ct)).UpcomingBookings.FirstOrDefault(b => b.Id == bookingId);
            if (booking is null)
            {
                Context.Acknowledge(T["Bk.CannotChange", _lounge.Options.Phone], alert: true);
            }

            return booking;
        }

        private string When(Core.Bookings.Booking booking) => _lounge.ToLocal(booking.StartUtc).ToString("d MMMM, HH:mm", CultureInfo.CurrentUICulture);

        private async Task ShowListScreenAsync() => Context.Show(await ListScreenAsync());

        private async Task<Screen> ListScreenAsync()
        {
            var mine = await _history.ForCustomerAsync(Context.Customer.Id, ct: _ct);
            if (mine.IsEmpty)
            {
                return new(T["MineEmpty"], new InlineKeyboardMarkup([[Buttons.Button(T["Btn.Menu"], Buttons.Menu)], [Buttons.Button(T["Btn.Book"], Buttons.Book)], [Buttons.Button(T["Btn.Home"], Buttons.Home)]]));
            }

            var text = new StringBuilder();
            var rows = new List<InlineKeyboardButton[]>();
            if (mine.UpcomingBookings.Count > 0)
            {
                text.Append(T["MineBookings"]);
                foreach (var booking in mine.UpcomingBookings)
                {
                    text.Append('\n').Append(T["BookingLine", When(booking), booking.PartySize, T[$"Booking.{booking.Status}"]]).Append(" · ").Append(Html(booking.Code));
                }

                text.Append("\n\n");
            }

            if (mine.RecentOrders.Count > 0)
            {
                text.Append(T["MineOrders"]);
                foreach (var order in mine.RecentOrders)
                {
                    var when = _lounge.ToLocal(order.CreatedAtUtc).ToString("d MMMM", CultureInfo.CurrentUICulture);
                    text.Append('\n').Append(T["OrderLine", order.Id, when, Rubles.Format(order.Total), T[$"Status.{order.Status}"]]);
                }

                rows.Add([Buttons.Button(T["Or.Repeat"], Buttons.Repeat)]);
                rows.AddRange(mine.RecentOrders.Where(o => o.Status == OrderStatus.New)
                    .Select(o => new[] { Buttons.Button(T["Mine.CancelOrder", o.Id], new CallbackData("mine", "ocancel", Buttons.Id(o.Id))) }));
            }

            var now = _carts.UtcNow;
            foreach (var booking in mine.UpcomingBookings.Where(b => b.Status is BookingStatus.New or BookingStatus.Confirmed))
            {
                var id = Buttons.Id(booking.Id);
                var row = new List<InlineKeyboardButton> { Buttons.Button(T["Btn.CancelBooking", booking.Code], new CallbackData("bkm", "cancel", id)) };
                if (BookingService.CanReportLate(booking, now))
                {
                    row.Add(Buttons.Button(T["Btn.Late", booking.Code], new CallbackData("bkm", "late", id)));
                }

                rows.Add([.. row]);
            }

            rows.Add([Buttons.Button(T["Btn.NewBooking"], Buttons.Book)]);
            rows.Add([Buttons.Button(T["Btn.Home"], Buttons.Home)]);
            return new(text.ToString().TrimEnd(), new InlineKeyboardMarkup(rows));
        }
    }
}
