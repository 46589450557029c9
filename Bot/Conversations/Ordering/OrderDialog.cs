using HookahLounge.Bot.Conversations.Home;
using HookahLounge.Bot.Texts;
using HookahLounge.Core;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Visits;
using Microsoft.Extensions.Localization;
using Stateless;
using Telegram.Bot.Types.ReplyMarkups;
using static HookahLounge.Bot.Conversations.ConversationContext;

namespace HookahLounge.Bot.Conversations.Ordering;

/// <summary>
/// Ordering: section → item card (defaults preselected, each choice one tap away, quantity) → cart (change,
/// remove, clear) → where to bring it (skipped at a table) → pickup time and phone for takeaway → comment →
/// confirm. Back works at every step and keeps what was picked; the cart outlives the dialog.
/// </summary>
public sealed class OrderDialog : Dialog<OrderDialog.State, OrderDialog.Trigger>
{
    private readonly OrderScreens _screens;
    private readonly MenuCatalog _menu;
    private readonly OrderService _orders;
    private readonly VisitService _visits;
    private readonly GuestHistory _history;
    private readonly FloorPlan _floor;
    private readonly CartKeeper _carts;
    private readonly StopListMisses _stopList;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<int> _pickSection;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<MenuItem> _pickItem;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<MenuOptionGroup> _editGroup;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<MenuOptionValue> _pickValue;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<int> _setQuantity;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<bool> _groupDone;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<PricedChoice> _addToCart;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<OrderType> _chooseDestination;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<int> _pickTable;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<int> _pickBooking;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<DateTime> _pickPickupTime;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<string> _givePhone;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<string> _giveComment;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<Order> _placed;
    private Cart _cart;
    private MenuItem? _item;
    private VisitBill? _visit;

    public enum State
    {
        Outside,
        Sections,
        Items,
        Card,
        Option,
        Cart,
        Destination,
        Table,
        Booking,
        Pickup,
        Phone,
        Comment,
        Confirm,
    }

    public enum Trigger
    {
        Open,
        OpenCart,
        PickSection,
        PickItem,
        EditGroup,
        PickValue,
        GroupDone,
        SetQuantity,
        AddToCart,
        CartChanged,
        Checkout,
        ChooseDestination,
        PickTable,
        PickBooking,
        PickPickupTime,
        GivePhone,
        GiveComment,
        Placed,
        Back,
        Quit,
    }

    public OrderDialog(
        ConversationContext context,
        IStringLocalizer<BotTexts> t,
        OrderScreens screens,
        MenuCatalog menu,
        OrderService orders,
        VisitService visits,
        GuestHistory history,
        FloorPlan floor,
        CartKeeper carts,
        StopListMisses stopList) : base(context, t, State.Outside)
    {
        _screens = screens;
        _menu = menu;
        _orders = orders;
        _visits = visits;
        _history = history;
        _floor = floor;
        _carts = carts;
        _stopList = stopList;
        _cart = carts.Load(context.Session);
        Draft = OrderDraft.FromJson(context.Session.DraftJson);
        _pickSection = Machine.SetTriggerParameters<int>(Trigger.PickSection);
        _pickItem = Machine.SetTriggerParameters<MenuItem>(Trigger.PickItem);
        _editGroup = Machine.SetTriggerParameters<MenuOptionGroup>(Trigger.EditGroup);
        _pickValue = Machine.SetTriggerParameters<MenuOptionValue>(Trigger.PickValue);
        _setQuantity = Machine.SetTriggerParameters<int>(Trigger.SetQuantity);
        _groupDone = Machine.SetTriggerParameters<bool>(Trigger.GroupDone);
        _addToCart = Machine.SetTriggerParameters<PricedChoice>(Trigger.AddToCart);
        _chooseDestination = Machine.SetTriggerParameters<OrderType>(Trigger.ChooseDestination);
        _pickTable = Machine.SetTriggerParameters<int>(Trigger.PickTable);
        _pickBooking = Machine.SetTriggerParameters<int>(Trigger.PickBooking);
        _pickPickupTime = Machine.SetTriggerParameters<DateTime>(Trigger.PickPickupTime);
        _givePhone = Machine.SetTriggerParameters<string>(Trigger.GivePhone);
        _giveComment = Machine.SetTriggerParameters<string>(Trigger.GiveComment);
        _placed = Machine.SetTriggerParameters<Order>(Trigger.Placed);
        Configure();
    }

    /// <summary>The dialog's draft; saved with the session after the update.</summary>
    public OrderDraft Draft { get; private set; }

    private void Configure()
    {
        var cartNotEmpty = () => !_cart.IsEmpty;
        var cartEmpty = () => _cart.IsEmpty;

        // From anywhere: the sections, the cart, or out of the dialog (the cart is kept).
        foreach (var state in Enum.GetValues<State>())
        {
            var step = Machine.Configure(state);
            if (state != State.Sections)
            {
                step.Permit(Trigger.Open, State.Sections);
            }

            if (state == State.Sections)
            {
                step.PermitIf(Trigger.OpenCart, State.Cart, cartNotEmpty, "cart has items").PermitReentryIf(Trigger.OpenCart, cartEmpty, "cart empty");
            }
            else if (state != State.Cart)
            {
                step.PermitIf(Trigger.OpenCart, State.Cart, cartNotEmpty, "cart has items").PermitIf(Trigger.OpenCart, State.Sections, cartEmpty, "cart empty");
            }

            if (state != State.Outside)
            {
                step.Permit(Trigger.Quit, State.Outside).Permit(Trigger.Placed, State.Outside);
            }
        }

        Machine.Configure(State.Outside)
            .OnEntryFrom(Trigger.Quit, () =>
            {
                Context.Acknowledge();
                Context.SwitchTo(HomeConversation.ConversationName);
            })
            .OnEntryFrom(_placed, order =>
            {
                Draft = new OrderDraft();
                Context.Show(HookahLounge.Bot.Conversations.Settings.SettingsConversation.WithNewsQuestionOnce(_screens.Placed(order), Context, T, _carts.UtcNow));
                Context.SwitchTo(HomeConversation.ConversationName, HomeConversation.Quiet);
            });

        Machine.Configure(State.Sections)
            .OnEntryAsync(ShowCurrentScreenAsync)
            .PermitReentry(Trigger.Open)
            .Permit(Trigger.PickSection, State.Items)
            .Permit(Trigger.Back, State.Outside);

        Machine.Configure(State.Items)
            .OnEntryFrom(_pickSection, section => Draft = Draft with { CategoryId = section })
            .OnEntryAsync(ShowCurrentScreenAsync)
            .PermitReentry(Trigger.PickSection)
            .PermitIf(_pickItem, State.Card, item => item.IsAvailable, "in stock")
            .InternalTransitionIf(_pickItem, item => !item.IsAvailable, (_, _) => Context.Acknowledge(T["Or.SoldOut"], alert: true))
            .Permit(Trigger.Back, State.Sections);

        Machine.Configure(State.Card)
            .OnEntryFrom(_pickItem, item => Draft = Draft with { ItemId = item.Id, Picks = MenuPricing.DefaultChoice(item), Quantity = 1, GroupId = null })
            .OnEntryAsync(ShowCurrentScreenAsync)
            .Permit(Trigger.EditGroup, State.Option)
            .InternalTransitionAsync(_setQuantity, async (quantity, _) =>
            {
                Draft = Draft with { Quantity = Math.Clamp(quantity, 1, OrderService.MaxQuantity) };
                await ShowCurrentScreenAsync();
            })
            .PermitIf(_addToCart, State.Cart, price => price.Problem is null, "choices valid")
            .InternalTransitionIf(_addToCart, price => price.Problem is not null, (price, _) => Context.Acknowledge(Problem(price), alert: true))
            .Permit(Trigger.Back, State.Items);

        Machine.Configure(State.Option)
            .OnEntryFrom(_editGroup, group => Draft = Draft with { GroupId = group.Id })
            .OnEntryAsync(ShowCurrentScreenAsync)
            .PermitIf(_pickValue, State.Card, value => Group!.MaxSelected == 1 && value.IsAvailable, "single choice")
            .InternalTransitionIf(_pickValue, value => Group!.MaxSelected > 1 && value.IsAvailable, (value, _) => Toggle(value))
            .InternalTransitionIf(_pickValue, value => !value.IsAvailable, (_, _) => Context.Acknowledge(T["Or.SoldOut"]))
            .Permit(Trigger.GroupDone, State.Card)
            .Permit(Trigger.Back, State.Card)
            .OnExit(transition =>
            {
                if (transition.Trigger == Trigger.PickValue && transition.Parameters is [MenuOptionValue value])
                {
                    Draft = Draft with { Picks = [.. Draft.Picks.Where(id => Group!.Values.All(v => v.Id != id)), value.Id] };
                }
                else if (transition.Trigger == Trigger.GroupDone && transition.Parameters is [true])
                {
                    // "Leave it to the master": nothing picked in this group.
                    Draft = Draft with { Picks = [.. Draft.Picks.Where(id => Group!.Values.All(v => v.Id != id))] };
                }

                Draft = Draft with { GroupId = null };
            });

        Machine.Configure(State.Cart)
            .OnEntryFrom(_addToCart, _ =>
            {
                _cart = _cart.Add(new CartLine(_item!.Id, Draft.Quantity, [.. Draft.Picks]), _carts.UtcNow);
                Draft = Draft with { ItemId = null, Picks = [], Quantity = 1 };
                Context.Acknowledge(T["Or.Added"]);
            })
            .OnEntryAsync(ShowCurrentScreenAsync)
            .PermitReentry(Trigger.CartChanged)
            .PermitReentry(Trigger.OpenCart)
            .PermitIf(Trigger.Checkout, State.Comment, () => _visit is not null && cartNotEmpty(), "at a table")
            .PermitIf(Trigger.Checkout, State.Destination, () => _visit is null && cartNotEmpty(), "not at a table")
            .InternalTransitionIf(Trigger.Checkout, _ => cartEmpty(), _ => Context.Acknowledge(T["Or.CartEmpty"]))
            .Permit(Trigger.Back, State.Sections);

        Machine.Configure(State.Destination)
            .OnEntryAsync(ShowCurrentScreenAsync)
            .PermitIf(_chooseDestination, State.Table, type => type == OrderType.AtTable, "to a table")
            .PermitIf(_chooseDestination, State.Booking, type => type == OrderType.ToBooking, "to a booking")
            .PermitIf(_chooseDestination, State.Pickup, type => type == OrderType.Pickup, "takeaway")
            .Permit(Trigger.Back, State.Cart);

        Machine.Configure(State.Table)
            .OnEntryFrom(_chooseDestination, type => Draft = Draft with { Type = type, TableNumber = null, BookingId = null, PickupAtUtc = null })
            .OnEntryAsync(ShowCurrentScreenAsync)
            .Permit(Trigger.PickTable, State.Comment)
            .Permit(Trigger.Back, State.Destination);

        Machine.Configure(State.Booking)
            .OnEntryFrom(_chooseDestination, type => Draft = Draft with { Type = type, TableNumber = null, BookingId = null, PickupAtUtc = null })
            .OnEntryAsync(ShowCurrentScreenAsync)
            .Permit(Trigger.PickBooking, State.Comment)
            .Permit(Trigger.Back, State.Destination);

        Machine.Configure(State.Pickup)
            .OnEntryFrom(_chooseDestination, type => Draft = Draft with { Type = type, TableNumber = null, BookingId = null, PickupAtUtc = null })
            .OnEntryAsync(ShowCurrentScreenAsync)
            .PermitIf(Trigger.PickPickupTime, State.Comment, HasPhone, "phone known")
            .PermitIf(Trigger.PickPickupTime, State.Phone, () => !HasPhone(), "phone unknown")
            .Permit(Trigger.Back, State.Destination);

        Machine.Configure(State.Phone)
            .OnEntryFrom(_pickPickupTime, at => Draft = Draft with { PickupAtUtc = at })
            .OnEntryAsync(ShowCurrentScreenAsync)
            .Permit(Trigger.GivePhone, State.Comment)
            .Permit(Trigger.Back, State.Pickup)
            .OnExit(transition =>
            {
                // The phone keyboard must not stay under the next screens.
                Context.Send(PhoneStep.Leave(T, transition.Trigger == Trigger.GivePhone));
            });

        Machine.Configure(State.Comment)
            .OnEntryFrom(_pickTable, table => Draft = Draft with { TableNumber = table })
            .OnEntryFrom(_pickBooking, booking => Draft = Draft with { BookingId = booking })
            .OnEntryFrom(_pickPickupTime, at => Draft = Draft with { PickupAtUtc = at })
            .OnEntryFrom(_givePhone, phone => Context.Customer.Phone = phone)
            .OnEntryFrom(Trigger.Checkout, () => Draft = Draft with { Type = OrderType.AtTable, TableNumber = _visit!.TableNumber, BookingId = null, PickupAtUtc = null })
            .OnEntryAsync(ShowCurrentScreenAsync)
            .Permit(Trigger.GiveComment, State.Confirm)
            .PermitIf(Trigger.Back, State.Cart, () => _visit is not null, "at a table")
            .PermitIf(Trigger.Back, State.Pickup, () => _visit is null && Draft.Type == OrderType.Pickup, "takeaway")
            .PermitIf(Trigger.Back, State.Booking, () => _visit is null && Draft.Type == OrderType.ToBooking, "to a booking")
            .PermitIf(Trigger.Back, State.Table, () => _visit is null && Draft.Type is null or OrderType.AtTable, "to a table");

        Machine.Configure(State.Confirm)
            .OnEntryFrom(_giveComment, comment => Draft = Draft with { Comment = comment.Length > 500 ? comment[..500] : comment })
            .OnEntryAsync(ShowCurrentScreenAsync)
            .Permit(Trigger.Back, State.Comment);
    }

    private MenuOptionGroup? Group => _item?.OptionGroups.FirstOrDefault(g => g.Id == Draft.GroupId);

    private bool HasPhone() => !string.IsNullOrWhiteSpace(Context.Customer.Phone);

    public void Save()
    {
        Context.Session.DraftJson = Current == State.Outside ? Context.Session.DraftJson : Draft.ToJson();
        _carts.Save(Context.Session, _cart);
    }

    /// <summary>Leaving by a command or another dialog's button: the phone keyboard goes, the cart stays.</summary>
    public void Leave()
    {
        if (Current == State.Phone)
        {
            Context.Send(PhoneStep.Leave(T, phoneGiven: false));
        }
    }

    public Task OpenAsync() => Machine.FireAsync(Trigger.Open);

    public Task OpenCartAsync() => Machine.FireAsync(Trigger.OpenCart);

    public async Task PickSectionAsync(int section)
    {
        if (await _menu.FindCategoryAsync(section, Context.Cancellation) is null)
        {
            Context.Acknowledge(T["Or.SectionGone"]);
            await OpenAsync();
            return;
        }

        await Machine.FireAsync(_pickSection, section);
    }

    public async Task PickItemAsync(int itemId)
    {
        _item = await _menu.FindItemAsync(itemId, Context.Cancellation);
        if (_item is null)
        {
            Context.Acknowledge(T["Or.SoldOut"], alert: true);
            await ShowCurrentAsync();
            return;
        }

        await _stopList.RecordAsync(Context.Customer.Id, _item, [], StopListStage.Menu, Context.Cancellation);
        await Machine.FireAsync(_pickItem, _item);
    }

    public async Task EditGroupAsync(int groupId)
    {
        if (await LoadItemAsync() is { } item && item.OptionGroups.FirstOrDefault(g => g.Id == groupId) is { } group)
        {
            await Machine.FireAsync(_editGroup, group);
            return;
        }

        await NotNowAsync();
    }

    public async Task PickValueAsync(int valueId)
    {
        if (await LoadItemAsync() is { } item && Group?.Values.FirstOrDefault(v => v.Id == valueId) is { } value)
        {
            await _stopList.RecordAsync(Context.Customer.Id, item, [value.Id], StopListStage.Menu, Context.Cancellation);
            await Machine.FireAsync(_pickValue, value);
            return;
        }

        await NotNowAsync();
    }

    public async Task LeaveGroupToMasterAsync()
    {
        if (await LoadItemAsync() is not null && Group is { MinSelected: 0 })
        {
            await Machine.FireAsync(_groupDone, true);
            return;
        }

        await NotNowAsync();
    }

    public async Task GroupDoneAsync()
    {
        if (await LoadItemAsync() is not null && Group is { } group)
        {
            var picked = group.Values.Count(v => Draft.Picks.Contains(v.Id));
            if (picked < group.MinSelected)
            {
                Context.Acknowledge(T["Or.PickMore", group.MinSelected]);
                return;
            }

            await Machine.FireAsync(_groupDone, false);
            return;
        }

        await NotNowAsync();
    }

    public async Task SetQuantityAsync(int quantity)
    {
        if (quantity > OrderService.MaxQuantity)
        {
            Context.Acknowledge(T["Or.TooManyPieces", OrderService.MaxQuantity]);
            await ShowCurrentAsync(Context.Input.Kind == Routing.InputKind.Text ? T["Or.TooManyPieces", OrderService.MaxQuantity].Value : null);
            return;
        }

        await LoadItemAsync();
        await Machine.FireAsync(_setQuantity, quantity);
    }

    public async Task AddToCartAsync()
    {
        if (await LoadItemAsync() is not { } item)
        {
            await NotNowAsync();
            return;
        }

        await _stopList.RecordAsync(Context.Customer.Id, item, Draft.Picks, StopListStage.Menu, Context.Cancellation);
        await Machine.FireAsync(_addToCart, MenuPricing.Price(item, Draft.Picks, Context.Customer.Language));
    }

    public Task ChangeLineAsync(int index, int delta)
    {
        if (Current != State.Cart || index < 0 || index >= _cart.Lines.Count)
        {
            return NotNowAsync();
        }

        _cart = _cart.Change(index, delta, _carts.UtcNow);
        return Machine.FireAsync(Trigger.CartChanged);
    }

    public Task ClearCartAsync()
    {
        if (Current != State.Cart)
        {
            return NotNowAsync();
        }

        _cart = _cart.Cleared(_carts.UtcNow);
        return Machine.FireAsync(Trigger.CartChanged);
    }

    public async Task CheckoutAsync()
    {
        _visit = await _visits.CurrentAsync(Context.Customer.Id, Context.Cancellation);
        await Machine.FireAsync(Trigger.Checkout);
    }

    public Task ChooseDestinationAsync(OrderType type) => Machine.FireAsync(_chooseDestination, type);

    public Task PickTableAsync(int table) => Machine.FireAsync(_pickTable, table);

    public Task PickBookingAsync(int booking) => Machine.FireAsync(_pickBooking, booking);

    public Task PickPickupTimeAsync(DateTime atUtc) => Machine.FireAsync(_pickPickupTime, atUtc);

    public Task GivePhoneAsync(string? sent) => PhoneStep.AnswerAsync(Context, T, sent, BackAsync, phone => Machine.FireAsync(_givePhone, phone));

    public Task GiveCommentAsync(string comment) => Machine.FireAsync(_giveComment, comment);

    public async Task BackAsync()
    {
        await LoadItemAsync();
        _visit = await _visits.CurrentAsync(Context.Customer.Id, Context.Cancellation);
        await Machine.FireAsync(Trigger.Back);
        if (Current == State.Outside)
        {
            Context.Acknowledge();
            Context.SwitchTo(HomeConversation.ConversationName);
        }
    }

    public Task QuitAsync() => Machine.FireAsync(Trigger.Quit);

    /// <summary>Places the order from the cart; the cart's id makes a double tap place it once.</summary>
    public async Task ConfirmAsync()
    {
        if (Current != State.Confirm || _cart.IsEmpty)
        {
            await NotNowAsync();
            return;
        }

        var result = await _orders.PlaceAsync(new PlaceOrder(
            Context.Customer.Id,
            Draft.Type ?? OrderType.Pickup,
            [.. _cart.Lines.Select(l => new OrderLineRequest(l.ItemId, l.Quantity, l.OptionIds))],
            Draft.TableNumber,
            Draft.BookingId,
            Draft.Comment,
            _cart.IdempotencyKey,
            Draft.PickupAtUtc), Context.Cancellation);
        Context.Acknowledge();
        if (result.Succeeded)
        {
            _cart = Cart.Of([], _carts.UtcNow);
            await Machine.FireAsync(_placed, result.Order!);
            return;
        }

        var why = result.Error switch
        {
            OrderError.ItemUnavailable => T["Or.Unavailable", Html(result.Detail)],
            OrderError.TableUnknown => T["Or.TableUnknown"],
            OrderError.PickupTimeInvalid => T["Or.PickupLate"],
            OrderError.BookingUnknown => T["Or.NoBookings"],
            _ => T["Or.Failed"],
        };
        Context.Send(why);
    }

    protected override async Task<Screen> CurrentScreenAsync()
    {
        var ct = Context.Cancellation;
        switch (Current)
        {
            case State.Items when Draft.CategoryId is { } section && await _menu.FindCategoryAsync(section, ct) is { } category:
                return _screens.Items(category, _cart.ItemCount);
            case State.Card when await LoadItemAsync() is { } item:
                return _screens.Card(item, Draft.Picks, Draft.Quantity, _cart.ItemCount);
            case State.Option when await LoadItemAsync() is { } item && Group is { } group:
                return _screens.Option(item, group, Draft.Picks);
            case State.Cart:
                return _screens.Cart(await PriceCartAsync());
            case State.Destination:
                return _screens.Destination();
            case State.Table:
                return _screens.Tables(await _floor.ActiveTableNumbersAsync(ct));
            case State.Booking:
                return _screens.Bookings((await _history.ForCustomerAsync(Context.Customer.Id, ct: ct)).UpcomingBookings);
            case State.Pickup:
                return _screens.PickupTimes(_orders.PickupChoicesUtc());
            case State.Phone:
                return _screens.Phone();
            case State.Comment:
                return _screens.Comment();
            case State.Confirm:
                return _screens.Summary(await PriceCartAsync(), Draft, Draft.Type == OrderType.Pickup ? Context.Customer.Phone : null);
            default:
                return _screens.Sections(await _menu.GetVisibleAsync(ct), _cart.ItemCount);
        }
    }

    private async Task ShowCurrentScreenAsync() => Context.Show(await CurrentScreenAsync());

    private async Task<MenuItem?> LoadItemAsync() =>
        _item ??= Draft.ItemId is { } id ? await _menu.FindItemAsync(id, Context.Cancellation) : null;

    private void Toggle(MenuOptionValue value)
    {
        var group = Group!;
        var picks = Draft.Picks.ToList();
        if (!picks.Remove(value.Id))
        {
            if (group.Values.Count(v => picks.Contains(v.Id)) >= group.MaxSelected)
            {
                Context.Acknowledge(T["Or.TooMany", group.MaxSelected]);
                return;
            }

            picks.Add(value.Id);
        }

        Draft = Draft with { Picks = picks };
        Context.Show(_screens.Option(_item!, group, Draft.Picks));
    }

    private string Problem(PricedChoice price) => price.Problem switch
    {
        { } p when p.StartsWith("group:", StringComparison.Ordinal) => T["Or.ChooseGroup", p["group:".Length..]],
        { } p when p.StartsWith("sold-out:", StringComparison.Ordinal) => T["Or.Unavailable", p["sold-out:".Length..]],
        _ => T["Or.Failed"],
    };

    private async Task<IReadOnlyList<PricedCartLine>> PriceCartAsync()
    {
        var items = await _menu.ItemsAsync([.. _cart.Lines.Select(l => l.ItemId).Distinct()], Context.Cancellation);
        var lines = new List<PricedCartLine>();
        for (var i = 0; i < _cart.Lines.Count; i++)
        {
            var line = _cart.Lines[i];
            if (items.TryGetValue(line.ItemId, out var item))
            {
                var language = Context.Customer.Language;
                var price = MenuPricing.Price(item, line.OptionIds, language);
                lines.Add(new PricedCartLine(i, item.DisplayName(language), price.Summary, line.Quantity, price.UnitPrice * line.Quantity));
            }
        }

        return lines;
    }
}
