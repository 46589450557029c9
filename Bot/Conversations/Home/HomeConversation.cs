using System.Globalization;
using System.Net;
using System.Text;
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
using HookahLounge.Core.Promotions;
using HookahLounge.Core.Visits;
using Microsoft.Extensions.Localization;
using Stateless;
using Telegram.Bot.Types.ReplyMarkups;

namespace HookahLounge.Bot.Conversations.Home;

/// <summary>
/// The guest's first steps and the main menu: the 18+ gate, then browsing the menu, promos, contacts,
/// "my orders and bookings" and settings. Later dialogs (ordering, booking) start from here.
/// </summary>
public sealed class HomeConversation(
    IStringLocalizer<BotTexts> t,
    HomeKeyboards keyboards,
    LoungeProfile lounge,
    CustomerDirectory customers,
    MenuCatalog menu,
    PromotionBoard promotions,
    GuestHistory history,
    BookingService bookings,
    OrderService orders,
    VisitService visits) : IConversation
{
    public const string ConversationName = "Home";

    /// <summary>Handoff draft meaning "the previous dialog already answered; just take the chat back".</summary>
    public const string StayQuietDraft = "quiet";

    public Task EnterAsync(ConversationContext context, CancellationToken ct)
    {
        var quiet = context.Session.DraftJson == StayQuietDraft;
        context.Session.State = nameof(State.MainMenu);
        context.Session.DraftJson = null;
        if (!quiet)
        {
            context.Send(t["MainMenu"], keyboards.Main());
        }

        return Task.CompletedTask;
    }

    public enum State
    {
        Welcome,
        AwaitingAge,
        Underage,
        Ready,
        MainMenu,
        Settings,
    }

    private enum Trigger
    {
        Start,
        ConfirmAge,
        DeclineAge,
        Home,
        Help,
        ShowMenu,
        ShowCategory,
        ShowPromotions,
        ShowContacts,
        ShowMine,
        Order,
        Book,
        OpenSettings,
        PickLanguage,
        SetPromoNews,
        MyBooking,
        Repeat,
        VisitAction,
        Unrecognised,
    }

    public string Name => ConversationName;

    public static string InitialState => nameof(State.Welcome);

    public async Task HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var state = Enum.TryParse<State>(context.Session.State, out var saved) ? saved : State.MainMenu;
        var machine = new StateMachine<State, Trigger>(() => state, s => state = s);
        var category = machine.SetTriggerParameters<int>(Trigger.ShowCategory);
        var language = machine.SetTriggerParameters<string>(Trigger.PickLanguage);
        var promoNews = machine.SetTriggerParameters<bool>(Trigger.SetPromoNews);
        var myBooking = machine.SetTriggerParameters<string, int>(Trigger.MyBooking);
        var visitAction = machine.SetTriggerParameters<string, string?>(Trigger.VisitAction);
        var ageConfirmed = () => context.Customer.AgeConfirmedAtUtc is not null;

        machine.Configure(State.Welcome)
            .PermitIf(Trigger.Start, State.MainMenu, () => ageConfirmed())
            .PermitIf(Trigger.Start, State.AwaitingAge, () => !ageConfirmed());

        machine.Configure(State.AwaitingAge)
            .OnEntry(() =>
            {
                context.Send(t["Welcome", Html(lounge.Name)]);
                context.Send(t["AgeQuestion"], keyboards.AgeGate());
            })
            .PermitReentry(Trigger.Start)
            .Permit(Trigger.ConfirmAge, State.MainMenu)
            .Permit(Trigger.DeclineAge, State.Underage);

        machine.Configure(State.Underage)
            .OnEntry(() => context.Show(t["Underage"]))
            .Permit(Trigger.Start, State.AwaitingAge);

        machine.Configure(State.Ready)
            .InternalTransition(Trigger.Help, () => context.Send(t["Help", Html(lounge.Name)], keyboards.BackHome()))
            .InternalTransitionAsync(Trigger.ShowMenu, () => ShowSectionsAsync(context, ct))
            .InternalTransitionAsync(category, (id, _) => ShowCategoryAsync(context, id, ct))
            .InternalTransitionAsync(Trigger.ShowPromotions, () => ShowPromotionsAsync(context, ct))
            .InternalTransition(Trigger.ShowContacts, () => ShowContacts(context))
            .InternalTransitionAsync(Trigger.ShowMine, () => ShowMineAsync(context, ct))
            .InternalTransition(Trigger.Order, () => context.SwitchTo(OrderConversation.ConversationName))
            .InternalTransitionAsync(Trigger.Repeat, () => RepeatLastOrderAsync(context, ct))
            .InternalTransitionAsync(visitAction, (action, argument, _) => OnVisitAsync(context, action, argument, ct))
            .InternalTransition(Trigger.Book, () => context.SwitchTo(BookingConversation.ConversationName))
            .InternalTransitionAsync(myBooking, (action, id, _) => OnMyBookingAsync(context, action, id, ct));

        machine.Configure(State.MainMenu)
            .SubstateOf(State.Ready)
            .OnEntryFrom(Trigger.ConfirmAge, () =>
            {
                customers.ConfirmAge(context.Customer);
                context.Acknowledge(t["AgeConfirmed"]);
            })
            .OnEntryAsync(async () =>
            {
                context.Show(t["MainMenu"], keyboards.Main(await visits.CurrentAsync(context.Customer.Id, ct) is not null));

                // A table QR scanned before the age was confirmed opens the visit now.
                if (PendingTable(context) is { } table)
                {
                    context.Session.DraftJson = null;
                    await OnVisitAsync(context, "open", table.ToString(CultureInfo.InvariantCulture), ct);
                }
            })
            .PermitReentry(Trigger.Start)
            .PermitReentry(Trigger.Home)
            .Permit(Trigger.OpenSettings, State.Settings);

        machine.Configure(State.Settings)
            .SubstateOf(State.Ready)
            .OnEntry(() => ShowSettings(context))
            .Permit(Trigger.Start, State.MainMenu)
            .Permit(Trigger.Home, State.MainMenu)
            .PermitReentry(Trigger.OpenSettings)
            .InternalTransition(language, (code, _) =>
            {
                if (CustomerDirectory.TrySetLanguage(context.Customer, code))
                {
                    CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(code);
                    context.Acknowledge(t["Saved"]);
                }

                ShowSettings(context);
            })
            .InternalTransition(promoNews, (on, _) =>
            {
                CustomerDirectory.SetPromoOptIn(context.Customer, on);
                context.Acknowledge(t["Saved"]);
                ShowSettings(context);
            });

        machine.OnUnhandledTrigger((current, trigger) => Unhandled(context, current, trigger));

        // A chat that has never been greeted starts with the greeting, whatever it sent first.
        var (what, argument) = state == State.Welcome ? (Trigger.Start, null) : Recognise(context.Input);

        // The table's QR code is a deep link "/start table_5": open the visit, after the age check if needed.
        if (context.Input.Command == "start" && context.Input.CommandArgument is { } payload
            && payload.StartsWith("table_", StringComparison.Ordinal)
            && int.TryParse(payload["table_".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var tableNumber) && tableNumber > 0)
        {
            if (ageConfirmed() && state is not (State.Welcome or State.AwaitingAge or State.Underage))
            {
                (what, argument) = (Trigger.VisitAction, ("open", (string?)tableNumber.ToString(CultureInfo.InvariantCulture)));
            }
            else
            {
                context.Session.DraftJson = $"table:{tableNumber}";
            }
        }
        switch (what)
        {
            case Trigger.ShowCategory:
                await machine.FireAsync(category, (int)argument!);
                break;
            case Trigger.PickLanguage:
                await machine.FireAsync(language, (string)argument!);
                break;
            case Trigger.SetPromoNews:
                await machine.FireAsync(promoNews, (bool)argument!);
                break;
            case Trigger.MyBooking:
                var (action, bookingId) = ((string, int))argument!;
                await machine.FireAsync(myBooking, action, bookingId);
                break;
            case Trigger.VisitAction:
                var (visitVerb, visitArgument) = ((string, string?))argument!;
                await machine.FireAsync(visitAction, visitVerb, visitArgument);
                break;
            default:
                await machine.FireAsync(what);
                break;
        }

        context.Session.State = state.ToString();
        context.Acknowledge();
    }

    private static (Trigger Trigger, object? Argument) Recognise(GuestInput input)
    {
        switch (input.Kind)
        {
            case InputKind.Command:
                return input.Command switch
                {
                    "start" => (Trigger.Start, null),
                    "help" => (Trigger.Help, null),
                    "menu" => (Trigger.ShowMenu, null),
                    "contacts" => (Trigger.ShowContacts, null),
                    "settings" or "language" => (Trigger.OpenSettings, null),
                    _ => (Trigger.Unrecognised, null),
                };
            case InputKind.Button when CallbackData.TryParse(input.Text, out var data):
                return (data.Area, data.Action, data.Argument) switch
                {
                    ("age", "yes", null) => (Trigger.ConfirmAge, null),
                    ("age", "no", null) => (Trigger.DeclineAge, null),
                    ("home", "main", null) => (Trigger.Home, null),
                    ("home", "menu", null) => (Trigger.ShowMenu, null),
                    ("home", "order", null) => (Trigger.Order, null),
                    ("home", "book", null) => (Trigger.Book, null),
                    ("home", "mine", null) => (Trigger.ShowMine, null),
                    ("home", "promos", null) => (Trigger.ShowPromotions, null),
                    ("home", "contacts", null) => (Trigger.ShowContacts, null),
                    ("home", "settings", null) => (Trigger.OpenSettings, null),
                    ("home", "repeat", null) => (Trigger.Repeat, null),
                    ("vs", { } verb, var arg) => (Trigger.VisitAction, (verb, arg)),
                    ("menu", "cat", _) when data.TryGetIntArgument(out var id) => (Trigger.ShowCategory, id),
                    ("set", "lang", { } code) when CustomerDirectory.SupportedLanguages.Contains(code) => (Trigger.PickLanguage, code),
                    ("set", "news", "on") => (Trigger.SetPromoNews, true),
                    ("set", "news", "off") => (Trigger.SetPromoNews, false),
                    ("bkm" or "bkr", { } action, _) when data.TryGetIntArgument(out var bookingId) => (Trigger.MyBooking, ($"{data.Area}:{action}", bookingId)),
                    _ => (Trigger.Unrecognised, null),
                };
            default:
                return (Trigger.Unrecognised, null);
        }
    }

    /// <summary>Anything the current step does not expect: say so politely and show where to go; nothing changes.</summary>
    private void Unhandled(ConversationContext context, State current, Trigger trigger)
    {
        if (current == State.AwaitingAge)
        {
            context.Acknowledge(t["AgeFirst"]);
            context.Send(t["AgeQuestion"], keyboards.AgeGate());
            return;
        }

        if (current == State.Underage)
        {
            context.Acknowledge();
            context.Send(t["Underage"]);
            return;
        }

        if (context.Input.Kind == InputKind.Button)
        {
            context.Acknowledge(t["StaleButton"]);
            context.Send(t["MainMenu"], keyboards.Main());
            return;
        }

        var text = context.Input.Kind == InputKind.Unsupported ? t["Unsupported"] : t["Unknown"];
        context.Send(text, keyboards.Main());
    }

    private async Task ShowSectionsAsync(ConversationContext context, CancellationToken ct)
    {
        var categories = await menu.GetVisibleAsync(ct);
        if (categories.Count == 0)
        {
            context.Show(t["MenuEmpty"], keyboards.BackHome());
            return;
        }

        context.Show(t["MenuSections"], keyboards.Sections(categories.Select(c => (c.Id, c.Name))));
    }

    private async Task ShowCategoryAsync(ConversationContext context, int categoryId, CancellationToken ct)
    {
        var category = await menu.FindCategoryAsync(categoryId, ct);
        if (category is null)
        {
            context.Acknowledge(t["MenuSectionMissing"]);
            await ShowSectionsAsync(context, ct);
            return;
        }

        var text = new StringBuilder($"<b>{Html(category.Name)}</b>\n");
        foreach (var item in category.Items)
        {
            text.Append('\n');
            text.Append(item.IsAvailable
                ? $"• <b>{Html(item.Name)}</b> — {Rubles.Format(item.Price)}"
                : $"• <s>{Html(item.Name)}</s> — {t["StopListed"]}");
            if (!string.IsNullOrWhiteSpace(item.Description))
            {
                text.Append($"\n  <i>{Html(item.Description)}</i>");
            }
        }

        context.Show(text.ToString(), keyboards.Section());
    }

    private async Task ShowPromotionsAsync(ConversationContext context, CancellationToken ct)
    {
        var current = await promotions.CurrentAsync(ct);
        if (current.Count == 0)
        {
            context.Show(t["PromosEmpty"], keyboards.BackHome());
            return;
        }

        var text = new StringBuilder(t["Promos"]);
        foreach (var promo in current)
        {
            var icon = promo.Kind == PromotionKind.Event ? "🎤" : "🔥";
            text.Append($"\n\n{icon} <b>{Html(promo.Title)}</b>");
            if (promo.StartsAtUtc is { } starts)
            {
                text.Append($"\n🗓 {lounge.ToLocal(starts).ToString("d MMMM, HH:mm", CultureInfo.CurrentUICulture)}");
            }

            text.Append($"\n{Html(promo.Description)}");
        }

        context.Show(text.ToString(), keyboards.BackHome());
    }

    private void ShowContacts(ConversationContext context)
    {
        var options = lounge.Options;
        context.Acknowledge();
        context.Replies.Venue(context.ChatId, options.Latitude, options.Longitude, lounge.Name, options.Address);
        var hours = new StringBuilder();
        var today = lounge.BusinessToday.DayOfWeek;
        foreach (var (day, dayHours) in lounge.Hours.Week())
        {
            var name = CultureInfo.CurrentUICulture.DateTimeFormat.GetDayName(day);
            var line = $"{name}: {dayHours?.ToString() ?? t["DayClosed"]}";
            hours.Append(day == today ? $"<b>▸ {line}</b>\n" : $"{line}\n");
        }

        hours.Append('\n').Append(lounge.IsOpenNow ? t["OpenNow"] : t["ClosedNow"]);
        context.Send(
            t["Contacts", Html(lounge.Name), Html(options.Address), Html(options.Phone), hours.ToString()],
            keyboards.Contacts(lounge.YandexMapsLink, string.IsNullOrWhiteSpace(options.PublicSiteUrl) ? null : options.PublicSiteUrl));
    }

    private async Task ShowMineAsync(ConversationContext context, CancellationToken ct)
    {
        var mine = await history.ForCustomerAsync(context.Customer.Id, ct: ct);
        if (mine.IsEmpty)
        {
            context.Show(t["MineEmpty"], keyboards.Main());
            return;
        }

        var culture = CultureInfo.CurrentUICulture;
        var text = new StringBuilder();
        if (mine.UpcomingBookings.Count > 0)
        {
            text.Append(t["MineBookings"]);
            foreach (var booking in mine.UpcomingBookings)
            {
                var when = lounge.ToLocal(booking.StartUtc).ToString("d MMMM, HH:mm", culture);
                text.Append('\n').Append(t["BookingLine", when, booking.PartySize, t[$"Booking.{booking.Status}"]]);
            }

            text.Append("\n\n");
        }

        if (mine.RecentOrders.Count > 0)
        {
            text.Append(t["MineOrders"]);
            foreach (var order in mine.RecentOrders)
            {
                var when = lounge.ToLocal(order.CreatedAtUtc).ToString("d MMMM", culture);
                text.Append('\n').Append(t["OrderLine", order.Id, when, Rubles.Format(order.Total), t[$"Status.{order.Status}"]]);
            }
        }

        context.Show(text.ToString().TrimEnd(), keyboards.MyBookings(mine.UpcomingBookings, lounge.BusinessToday, b => lounge.Hours.BusinessDateAt(lounge.ToLocal(b.StartUtc)), canRepeat: mine.RecentOrders.Count > 0));
    }

    private static int? PendingTable(ConversationContext context) =>
        context.Session.DraftJson is { } draft && draft.StartsWith("table:", StringComparison.Ordinal)
        && int.TryParse(draft["table:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var table) ? table : null;

    private async Task RepeatLastOrderAsync(ConversationContext context, CancellationToken ct)
    {
        var lines = await orders.LastOrderLinesAsync(context.Customer.Id, ct);
        if (lines.Count == 0)
        {
            context.Acknowledge(t["Or.NothingToRepeat"]);
            return;
        }

        context.SwitchTo(OrderConversation.ConversationName, new OrderDraft
        {
            Cart = [.. lines.Select(l => new CartLine(l.MenuItemId, l.Quantity, [.. l.OptionValueIds ?? []]))],
            CartVersion = Environment.TickCount,
        }.ToJson());
    }

    /// <summary>The table: open a visit from its QR, show it with the bill, call staff, pay, leave.</summary>
    private async Task OnVisitAsync(ConversationContext context, string action, string? argument, CancellationToken ct)
    {
        var customerId = context.Customer.Id;
        if (action == "open")
        {
            var opened = await visits.OpenAtTableAsync(customerId, int.Parse(argument!, CultureInfo.InvariantCulture), ct);
            context.Send(opened.Error == VisitError.None ? t["Vs.Opened", opened.TableNumber!] : t["Vs.UnknownTable", argument!],
                opened.Error == VisitError.None ? keyboards.Visit() : keyboards.Main());
            return;
        }

        var current = await visits.CurrentAsync(customerId, ct);
        if (current is null)
        {
            context.Acknowledge(t["Vs.NoVisit"], alert: true);
            return;
        }

        var kind = action switch
        {
            "coals" => ServiceCallKind.ChangeCoals,
            "master" => ServiceCallKind.HookahMaster,
            "waiter" => ServiceCallKind.Waiter,
            "pay" => ServiceCallKind.Bill,
            _ => (ServiceCallKind?)null,
        };
        switch (action)
        {
            case "show":
                context.Show(t["Vs.Table", current.TableNumber, Rubles.Format(current.Total)], keyboards.Visit());
                break;
            case "bill":
                context.Show($"{t["Vs.Table", current.TableNumber, Rubles.Format(current.Total)]}\n\n{t["Vs.PayHow"]}", keyboards.Payment());
                break;
            case "end":
                await visits.EndAsync(customerId, ct);
                context.Show(t["Vs.Ended"], keyboards.Main());
                break;
            case "pay" when argument is not ("card" or "cash"):
                context.Acknowledge(t["StaleButton"]);
                break;
            default:
                if (kind is not { } call)
                {
                    context.Acknowledge(t["StaleButton"]);
                    break;
                }

                var result = await visits.CallAsync(customerId, call, argument == "cash" ? PaymentMethod.Cash : PaymentMethod.Card, ct);
                context.Acknowledge(result.AlreadyOpen ? t["Vs.AlreadyCalled"] : t["Vs.Called"], alert: result.AlreadyOpen);
                if (action == "pay")
                {
                    context.Show(t["Vs.Table", current.TableNumber, Rubles.Format(current.Total)], keyboards.Visit());
                }

                break;
        }
    }

    /// <summary>Buttons under "my bookings" (bkm) and under reminders (bkr): cancel, running late, attending, move.</summary>
    private async Task OnMyBookingAsync(ConversationContext context, string action, int bookingId, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var customerId = context.Customer.Id;
        var booking = (await history.ForCustomerAsync(customerId, ct: ct)).UpcomingBookings.FirstOrDefault(b => b.Id == bookingId);
        if (booking is null)
        {
            context.Acknowledge(t["Bk.CannotChange", lounge.Options.Phone], alert: true);
            return;
        }

        var when = lounge.ToLocal(booking.StartUtc).ToString("d MMMM, HH:mm", culture);
        switch (action)
        {
            case "bkm:cancel" or "bkr:cancel":
                context.Show(t["Bk.CancelAsk", Html(booking.Code), when], new InlineKeyboardMarkup(
                [
                    [Buttons.Button(t["Bk.CancelYes"], new CallbackData("bkm", "cancelok", booking.Id.ToString(CultureInfo.InvariantCulture))), Buttons.Button(t["Bk.CancelNo"], Buttons.Mine)],
                ]));
                break;
            case "bkm:cancelok":
                var cancelled = await bookings.ChangeStatusAsync(booking.Id, BookingAction.Cancel, Actor.Guest(customerId), ct: ct);
                context.Show(cancelled.Succeeded ? t["Bk.CancelledOk", Html(booking.Code)] : t["Bk.CannotChange", Html(lounge.Options.Phone)], keyboards.Main());
                break;
            case "bkm:late":
                var late = await bookings.MarkRunningLateAsync(booking.Id, customerId, ct);
                context.Acknowledge();
                context.Send(late.Succeeded
                    ? t["Bk.LateOk", (await bookings.HeldUntilLocalAsync(booking, ct)).ToString("HH:mm", culture)]
                    : t["Bk.CannotChange", Html(lounge.Options.Phone)]);
                break;
            case "bkr:yes":
                var attending = await bookings.MarkAttendingAsync(booking.Id, customerId, ct);
                context.Acknowledge();
                context.Send(attending.Succeeded
                    ? t["Bk.AttendOk", lounge.ToLocal(booking.StartUtc).ToString("HH:mm", culture)]
                    : t["Bk.CannotChange", Html(lounge.Options.Phone)]);
                break;
            case "bkr:move" when booking.Status is BookingStatus.New or BookingStatus.Confirmed:
                context.SwitchTo(BookingConversation.ConversationName, new BookingDraft
                {
                    MoveBookingId = booking.Id,
                    MoveBookingCode = booking.Code,
                    Party = booking.PartySize,
                    Duration = (int)(booking.EndUtc - booking.StartUtc).TotalMinutes,
                }.ToJson());
                break;
            default:
                context.Acknowledge(t["Bk.CannotChange", lounge.Options.Phone], alert: true);
                break;
        }
    }

    private void ShowSettings(ConversationContext context) =>
        context.Show(
            t["Settings", t["LanguageName"], context.Customer.PromoOptIn ? t["PromosOn"] : t["PromosOff"]],
            keyboards.Settings(context.Customer.PromoOptIn));

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
