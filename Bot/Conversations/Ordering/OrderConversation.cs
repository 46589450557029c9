using System.Globalization;
using HookahLounge.Bot.Routing;
using HookahLounge.Bot.Texts;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Visits;
using Microsoft.Extensions.Localization;
using Telegram.Bot.Types.ReplyMarkups;

namespace HookahLounge.Bot.Conversations.Ordering;

/// <summary>
/// Reads what the guest did in the order dialog and calls the dialog's intent. Prices and availability shown
/// here are checked again by Core when the order is placed; nothing is substituted silently.
/// </summary>
public sealed class OrderConversation(
    IStringLocalizer<BotTexts> t,
    OrderScreens screens,
    MenuCatalog menu,
    OrderService orders,
    VisitService visits,
    GuestHistory history,
    FloorPlan floor,
    CartKeeper carts,
    StopListMisses stopList) : IConversation
{
    public const string ConversationName = "Order";

    public string Name => ConversationName;

    public IReadOnlyCollection<string> Areas { get; } = [OrderScreens.Area];

    public string EntryState => nameof(OrderDialog.State.Outside);

    public string Graph(ConversationContext context) => Dialog(context).ToDotGraph();

    public async Task EnterAsync(ConversationContext context, CancellationToken ct)
    {
        var atCart = OrderDraft.FromJson(context.Session.DraftJson).StartAtCart;
        var dialog = Dialog(context);
        await (atCart ? dialog.OpenCartAsync() : dialog.OpenAsync());
        dialog.Save();
    }

    public void Leave(ConversationContext context) => Dialog(context).Leave();

    /// <summary>Its buttons only count inside the dialog; the router never hands over for them.</summary>
    public bool Accepts(CallbackData button) => false;

    public async Task HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var dialog = Dialog(context);
        await Recognise(context.Input, dialog);
        dialog.Save();
    }

    private OrderDialog Dialog(ConversationContext context) => new(context, t, screens, menu, orders, visits, history, floor, carts, stopList);

    private static Task Recognise(GuestInput input, OrderDialog dialog)
    {
        var state = dialog.Current;
        switch (input.Kind)
        {
            case InputKind.Text when state == OrderDialog.State.Comment && !string.IsNullOrWhiteSpace(input.Text):
                return dialog.GiveCommentAsync(input.Text.Trim());
            case InputKind.Text or InputKind.Contact when state == OrderDialog.State.Phone:
                return dialog.GivePhoneAsync(input.Kind == InputKind.Contact ? input.Phone : input.Text);
            case InputKind.Text when state == OrderDialog.State.Table && Number(input.Text) is { } table:
                return dialog.PickTableAsync(table);
            case InputKind.Text when state == OrderDialog.State.Card && Number(input.Text) is { } quantity:
                return dialog.SetQuantityAsync(quantity);
            case InputKind.Button when CallbackData.TryParse(input.Text, out var button) && button.Area == OrderScreens.Area:
                break;
            default:
                return dialog.NotUnderstoodAsync();
        }

        CallbackData.TryParse(input.Text, out var data);
        var (action, argument) = (data.Action, data.Argument);
        var id = int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
        return (action, argument, id) switch
        {
            ("cat", _, { } section) => dialog.PickSectionAsync(section),
            ("item", _, { } item) => dialog.PickItemAsync(item),
            ("grp", _, { } group) => dialog.EditGroupAsync(group),
            ("opt", _, { } value) => dialog.PickValueAsync(value),
            ("clr", null, _) => dialog.LeaveGroupToMasterAsync(),
            ("done", null, _) => dialog.GroupDoneAsync(),
            ("qty", _, { } quantity) => dialog.SetQuantityAsync(quantity),
            ("add", null, _) => dialog.AddToCartAsync(),
            ("cart", null, _) => dialog.OpenCartAsync(),
            ("inc", _, { } index) => dialog.ChangeLineAsync(index, +1),
            ("dec", _, { } index) => dialog.ChangeLineAsync(index, -1),
            ("del", _, { } index) => dialog.ChangeLineAsync(index, -OrderService.MaxQuantity),
            ("clear", null, _) => dialog.ClearCartAsync(),
            ("more", null, _) => dialog.OpenAsync(),
            ("checkout", null, _) => dialog.CheckoutAsync(),
            ("type", "table", _) => dialog.ChooseDestinationAsync(OrderType.AtTable),
            ("type", "booking", _) => dialog.ChooseDestinationAsync(OrderType.ToBooking),
            ("type", "pickup", _) => dialog.ChooseDestinationAsync(OrderType.Pickup),
            ("table", _, { } table) => dialog.PickTableAsync(table),
            ("booking", _, { } booking) => dialog.PickBookingAsync(booking),
            ("at", { } minutes, _) when long.TryParse(minutes, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m < 100_000_000
                => dialog.PickPickupTimeAsync(DateTimeOffset.FromUnixTimeSeconds(m * 60).UtcDateTime),
            ("nocomment", null, _) => dialog.GiveCommentAsync(""),
            ("ok", null, _) => dialog.ConfirmAsync(),
            ("back", null, _) => dialog.BackAsync(),
            ("quit", null, _) => dialog.QuitAsync(),
            _ => dialog.NotUnderstoodAsync(),
        };
    }

    /// <summary>A typed whole number such as "2" or "12"; anything else is not a number here.</summary>
    private static int? Number(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
