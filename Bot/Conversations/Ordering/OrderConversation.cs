using System.Globalization;
using System.Net;
using System.Text;
using HookahLounge.Bot.Conversations.Home;
using HookahLounge.Bot.Keyboards;
using HookahLounge.Bot.Routing;
using HookahLounge.Bot.Texts;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Stateless;
using Telegram.Bot.Types.ReplyMarkups;

namespace HookahLounge.Bot.Conversations.Ordering;

/// <summary>
/// Ordering: section → item → its options one group at a time → quantity → cart (change, remove, clear)
/// → where to bring it → comment → confirm. Back works at every step. Prices and availability shown here
/// are checked again by Core when the order is placed; nothing is substituted silently.
/// </summary>
public sealed class OrderConversation(
    IStringLocalizer<BotTexts> t,
    LoungeDbContext db,
    LoungeProfile lounge,
    OrderService orders,
    VisitService visits,
    GuestHistory history) : IConversation
{
    public const string ConversationName = "Order";
    private const string Area = "or";

    public enum State
    {
        Sections,
        Items,
        Options,
        Quantity,
        Cart,
        Type,
        Table,
        Booking,
        Pickup,
        Comment,
        Confirm,
    }

    private enum Trigger
    {
        Section,
        Item,
        Option,
        NextGroup,
        Quantity,
        ShowCart,
        Increase,
        Decrease,
        Remove,
        Clear,
        More,
        Checkout,
        Type,
        Table,
        Booking,
        PickupAt,
        Comment,
        Confirm,
        Back,
        Unrecognised,
    }

    public string Name => ConversationName;

    public Task EnterAsync(ConversationContext context, CancellationToken ct)
    {
        var draft = OrderDraft.FromJson(context.Session.DraftJson) ?? new OrderDraft();
        var state = draft.Cart.Count > 0 ? State.Cart : State.Sections;
        context.Session.State = state.ToString();
        context.Session.DraftJson = draft.ToJson();
        context.Acknowledge();
        return state == State.Cart ? ShowCartAsync(context, draft, ct) : ShowSectionsAsync(context, draft, ct);
    }

    public async Task HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var draft = OrderDraft.FromJson(context.Session.DraftJson) ?? new OrderDraft();
        var state = Enum.TryParse<State>(context.Session.State, out var saved) ? saved : State.Sections;
        var (trigger, argument) = Recognise(context.Input, state);
        if (context.Input.Kind == InputKind.Button && context.Input.Text == new CallbackData(Area, "quit").ToString())
        {
            context.Acknowledge();
            context.SwitchTo(HomeConversation.ConversationName);
            return;
        }

        var item = draft.ItemId is { } itemId ? await LoadItemAsync(itemId, ct) : null;
        var visit = await visits.CurrentAsync(context.Customer.Id, ct);
        var machine = new StateMachine<State, Trigger>(() => state, s => state = s);
        var section = machine.SetTriggerParameters<int>(Trigger.Section);
        var pickItem = machine.SetTriggerParameters<int>(Trigger.Item);
        var option = machine.SetTriggerParameters<int>(Trigger.Option);
        var quantity = machine.SetTriggerParameters<int>(Trigger.Quantity);
        var increase = machine.SetTriggerParameters<int>(Trigger.Increase);
        var decrease = machine.SetTriggerParameters<int>(Trigger.Decrease);
        var remove = machine.SetTriggerParameters<int>(Trigger.Remove);
        var type = machine.SetTriggerParameters<OrderType>(Trigger.Type);
        var table = machine.SetTriggerParameters<int>(Trigger.Table);
        var booking = machine.SetTriggerParameters<int>(Trigger.Booking);
        var comment = machine.SetTriggerParameters<string>(Trigger.Comment);
        var pickupAt = machine.SetTriggerParameters<DateTime>(Trigger.PickupAt);

        State AfterGroups() => item is not null && draft.GroupIndex >= item.OptionGroups.Count ? State.Quantity : State.Options;

        machine.Configure(State.Sections)
            .OnEntryAsync(() => ShowSectionsAsync(context, draft, ct))
            .PermitDynamic(section, id => { draft = draft with { CategoryId = id }; return State.Items; })
            .Permit(Trigger.ShowCart, State.Cart);

        machine.Configure(State.Items)
            .OnEntryAsync(() => ShowItemsAsync(context, draft, ct))
            .PermitDynamicAsync(pickItem, async id =>
            {
                item = await LoadItemAsync(id, ct);
                if (item is null || !item.IsAvailable)
                {
                    context.Acknowledge(t["Or.SoldOut"], alert: true);
                    return State.Items;
                }

                draft = draft with { ItemId = id, GroupIndex = 0, Picked = [] };
                return AfterGroups();
            })
            .Permit(Trigger.Back, State.Sections)
            .Permit(Trigger.ShowCart, State.Cart);

        machine.Configure(State.Options)
            .OnEntry(() => ShowOptions(context, draft, item!))
            .PermitDynamic(option, valueId =>
            {
                var group = item!.OptionGroups[draft.GroupIndex];
                var value = group.Values.FirstOrDefault(v => v.Id == valueId);
                if (value is null || !value.IsAvailable)
                {
                    context.Acknowledge(t["Or.SoldOut"]);
                    return State.Options;
                }

                var picked = draft.Picked.Where(id => group.Values.All(v => v.Id != id) || group.MaxSelected > 1).ToList();
                if (group.MaxSelected > 1 && picked.Remove(valueId))
                {
                    draft = draft with { Picked = picked };
                    return State.Options;
                }

                if (group.MaxSelected > 1 && group.Values.Count(v => picked.Contains(v.Id)) >= group.MaxSelected)
                {
                    context.Acknowledge(t["Or.TooMany", group.MaxSelected]);
                    return State.Options;
                }

                picked.Add(valueId);
                draft = draft with { Picked = picked, GroupIndex = group.MaxSelected == 1 ? draft.GroupIndex + 1 : draft.GroupIndex };
                return AfterGroups();
            })
            .PermitDynamic(Trigger.NextGroup, () =>
            {
                var group = item!.OptionGroups[draft.GroupIndex];
                if (group.Values.Count(v => draft.Picked.Contains(v.Id)) < group.MinSelected)
                {
                    context.Acknowledge(t["Or.PickMore", group.MinSelected]);
                    return State.Options;
                }

                draft = draft with { GroupIndex = draft.GroupIndex + 1 };
                return AfterGroups();
            })
            .PermitDynamic(Trigger.Back, () =>
            {
                if (draft.GroupIndex == 0)
                {
                    return State.Items;
                }

                var previous = item!.OptionGroups[draft.GroupIndex - 1];
                draft = draft with { GroupIndex = draft.GroupIndex - 1, Picked = [.. draft.Picked.Where(id => previous.Values.All(v => v.Id != id))] };
                return State.Options;
            });

        machine.Configure(State.Quantity)
            .OnEntry(() => ShowQuantity(context, draft, item!))
            .PermitDynamic(quantity, n =>
            {
                var cart = draft.Cart.ToList();
                cart.Add(new CartLine(item!.Id, n, [.. draft.Picked.Order()]));
                draft = draft with { Cart = cart, ItemId = null, Picked = [], GroupIndex = 0 };
                context.Acknowledge(t["Or.Added"]);
                return State.Cart;
            })
            .PermitDynamic(Trigger.Back, () =>
            {
                if (item!.OptionGroups.Count == 0)
                {
                    return State.Items;
                }

                var last = item.OptionGroups[^1];
                draft = draft with { GroupIndex = item.OptionGroups.Count - 1, Picked = [.. draft.Picked.Where(id => last.Values.All(v => v.Id != id))] };
                return State.Options;
            });

        machine.Configure(State.Cart)
            .OnEntryAsync(() => context.Handoff is null ? ShowCartAsync(context, draft, ct) : Task.CompletedTask)
            .PermitDynamic(increase, i => { draft = Change(draft, i, +1); return State.Cart; })
            .PermitDynamic(decrease, i => { draft = Change(draft, i, -1); return State.Cart; })
            .PermitDynamic(remove, i => { draft = Change(draft, i, -OrderService.MaxQuantity); return State.Cart; })
            .PermitDynamic(Trigger.Clear, () => { draft = draft with { Cart = [] }; return State.Cart; })
            .Permit(Trigger.More, State.Sections)
            .Permit(Trigger.Back, State.Sections)
            .PermitReentry(Trigger.ShowCart)
            .PermitDynamic(Trigger.Checkout, () =>
            {
                if (draft.Cart.Count == 0)
                {
                    context.Acknowledge(t["Or.CartEmpty"]);
                    return State.Cart;
                }

                if (visit is not null)
                {
                    draft = draft with { Type = OrderType.AtTable, TableNumber = visit.TableNumber };
                    return State.Comment;
                }

                return State.Type;
            });

        machine.Configure(State.Type)
            .OnEntry(() => context.Show(t["Or.Type"], new InlineKeyboardMarkup(
            [
                [Button(t["Or.TypeTable"], "type", "table")],
                [Button(t["Or.TypeBooking"], "type", "booking")],
                [Button(t["Or.TypePickup"], "type", "pickup")],
                Navigation(),
            ])))
            .PermitDynamic(type, chosen =>
            {
                draft = draft with { Type = chosen, TableNumber = null, BookingId = null };
                return chosen switch { OrderType.AtTable => State.Table, OrderType.ToBooking => State.Booking, _ => State.Pickup };
            })
            .Permit(Trigger.Back, State.Cart);

        machine.Configure(State.Table)
            .OnEntryAsync(() => ShowTablesAsync(context, ct))
            .PermitDynamic(table, number => { draft = draft with { TableNumber = number }; return State.Comment; })
            .Permit(Trigger.Back, State.Type);

        machine.Configure(State.Booking)
            .OnEntryAsync(() => ShowBookingsAsync(context, ct))
            .PermitDynamic(booking, id => { draft = draft with { BookingId = id }; return State.Comment; })
            .Permit(Trigger.Back, State.Type);

        machine.Configure(State.Pickup)
            .OnEntry(() => ShowPickupTimes(context))
            .PermitDynamic(pickupAt, at => { draft = draft with { PickupAtUtc = at }; return State.Comment; })
            .Permit(Trigger.Back, State.Type);

        machine.Configure(State.Comment)
            .OnEntry(() => context.Show(t["Or.Comment"], new InlineKeyboardMarkup([[Button(t["Or.NoComment"], "nocomment")], Navigation()])))
            .PermitDynamic(comment, text => { draft = draft with { Comment = text.Length > 500 ? text[..500] : text }; return State.Confirm; })
            .PermitDynamic(Trigger.Back, () => draft.Type switch
            {
                _ when visit is not null => State.Cart,
                OrderType.Pickup => State.Pickup,
                OrderType.ToBooking => State.Booking,
                _ => State.Table,
            });

        machine.Configure(State.Confirm)
            .OnEntryAsync(() => ShowSummaryAsync(context, draft, ct))
            .PermitDynamicAsync(Trigger.Confirm, async () =>
            {
                draft = await ConfirmAsync(context, draft, ct);
                return State.Cart;
            })
            .Permit(Trigger.Back, State.Comment);

        machine.OnUnhandledTrigger((_, _) =>
        {
            context.Acknowledge(context.Input.Kind == InputKind.Button ? t["StaleButton"].Value : null);
            if (context.Input.Kind != InputKind.Button)
            {
                context.Send(t["Unknown"]);
            }
        });

        switch (trigger)
        {
            case Trigger.Section: await machine.FireAsync(section, (int)argument!); break;
            case Trigger.Item: await machine.FireAsync(pickItem, (int)argument!); break;
            case Trigger.Option: await machine.FireAsync(option, (int)argument!); break;
            case Trigger.Quantity: await machine.FireAsync(quantity, (int)argument!); break;
            case Trigger.Increase: await machine.FireAsync(increase, (int)argument!); break;
            case Trigger.Decrease: await machine.FireAsync(decrease, (int)argument!); break;
            case Trigger.Remove: await machine.FireAsync(remove, (int)argument!); break;
            case Trigger.Type: await machine.FireAsync(type, (OrderType)argument!); break;
            case Trigger.Table: await machine.FireAsync(table, (int)argument!); break;
            case Trigger.Booking: await machine.FireAsync(booking, (int)argument!); break;
            case Trigger.Comment: await machine.FireAsync(comment, (string)argument!); break;
            case Trigger.PickupAt: await machine.FireAsync(pickupAt, (DateTime)argument!); break;
            default: await machine.FireAsync(trigger); break;
        }

        if (context.Handoff is null)
        {
            context.Session.State = state.ToString();
            context.Session.DraftJson = draft.ToJson();
        }

        context.Acknowledge();
    }

    private static (Trigger, object?) Recognise(GuestInput input, State state)
    {
        if (input.Kind == InputKind.Text && state == State.Comment && !string.IsNullOrWhiteSpace(input.Text))
        {
            return (Trigger.Comment, input.Text.Trim());
        }

        if (input.Kind != InputKind.Button || !CallbackData.TryParse(input.Text, out var data) || data.Area != Area)
        {
            return (Trigger.Unrecognised, null);
        }

        var hasId = data.TryGetIntArgument(out var id);
        var hasIndex = int.TryParse(data.Argument, NumberStyles.None, CultureInfo.InvariantCulture, out var index);
        return (data.Action, data.Argument) switch
        {
            ("cat", _) when hasId => (Trigger.Section, id),
            ("item", _) when hasId => (Trigger.Item, id),
            ("opt", _) when hasId => (Trigger.Option, id),
            ("next", null) => (Trigger.NextGroup, null),
            ("qty", _) when hasId && id <= OrderService.MaxQuantity => (Trigger.Quantity, id),
            ("cart", null) => (Trigger.ShowCart, null),
            ("inc", _) when hasIndex => (Trigger.Increase, index),
            ("dec", _) when hasIndex => (Trigger.Decrease, index),
            ("del", _) when hasIndex => (Trigger.Remove, index),
            ("clear", null) => (Trigger.Clear, null),
            ("more", null) => (Trigger.More, null),
            ("checkout", null) => (Trigger.Checkout, null),
            ("type", "table") => (Trigger.Type, OrderType.AtTable),
            ("type", "booking") => (Trigger.Type, OrderType.ToBooking),
            ("type", "pickup") => (Trigger.Type, OrderType.Pickup),
            ("table", _) when hasId => (Trigger.Table, id),
            ("booking", _) when hasId => (Trigger.Booking, id),
            ("at", { } minutes) when long.TryParse(minutes, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m < 100_000_000
                => (Trigger.PickupAt, DateTimeOffset.FromUnixTimeSeconds(m * 60).UtcDateTime),
            ("nocomment", null) => (Trigger.Comment, ""),
            ("ok", null) => (Trigger.Confirm, null),
            ("back", null) => (Trigger.Back, null),
            _ => (Trigger.Unrecognised, null),
        };
    }

    private static OrderDraft Change(OrderDraft draft, int index, int delta)
    {
        if (index < 0 || index >= draft.Cart.Count)
        {
            return draft;
        }

        var cart = draft.Cart.ToList();
        var quantity = Math.Min(OrderService.MaxQuantity, cart[index].Quantity + delta);
        if (quantity <= 0)
        {
            cart.RemoveAt(index);
        }
        else
        {
            cart[index] = cart[index] with { Quantity = quantity };
        }

        return draft with { Cart = cart };
    }

    private Task<MenuItem?> LoadItemAsync(int id, CancellationToken ct) =>
        db.MenuItems.AsNoTracking().Include(i => i.Category).Include(i => i.OptionGroups.OrderBy(g => g.SortOrder)).ThenInclude(g => g.Values.OrderBy(v => v.SortOrder))
            .AsSplitQuery().SingleOrDefaultAsync(i => i.Id == id && i.Category!.IsVisible, ct);

    private async Task ShowSectionsAsync(ConversationContext context, OrderDraft draft, CancellationToken ct)
    {
        var sections = await db.MenuCategories.AsNoTracking().Where(c => c.IsVisible).OrderBy(c => c.SortOrder).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        var rows = sections.Select(c => new[] { Button(c.Name, "cat", Id(c.Id)) }).ToList();
        if (draft.Cart.Count > 0)
        {
            rows.Add([Button(t["Or.ToCart", draft.Cart.Sum(l => l.Quantity)], "cart")]);
        }

        rows.Add([Button(t["Or.Quit"], "quit")]);
        context.Show(t["Or.Sections"], new InlineKeyboardMarkup(rows));
    }

    private async Task ShowItemsAsync(ConversationContext context, OrderDraft draft, CancellationToken ct)
    {
        var category = await db.MenuCategories.AsNoTracking().Include(c => c.Items.OrderBy(i => i.SortOrder))
            .SingleOrDefaultAsync(c => c.Id == draft.CategoryId && c.IsVisible, ct);
        if (category is null)
        {
            await ShowSectionsAsync(context, draft, ct);
            return;
        }

        var rows = category.Items.Select(i => new[]
        {
            i.IsAvailable
                ? Button($"{i.Name} · {Rubles.Format(i.Price)}", "item", Id(i.Id))
                : Button($"✖ {i.Name} — {t["StopListed"]}", "item", Id(i.Id)),
        }).ToList();
        rows.Add(Navigation());
        context.Show(t["Or.Items", Html(category.Name)], new InlineKeyboardMarkup(rows));
    }

    private void ShowOptions(ConversationContext context, OrderDraft draft, MenuItem item)
    {
        var group = item.OptionGroups[draft.GroupIndex];
        var hint = group.MaxSelected == 1 ? t["Or.PickOne"] : t["Or.PickUpTo", group.MinSelected, group.MaxSelected];
        var buttons = group.Values.Select(v =>
        {
            var mark = draft.Picked.Contains(v.Id) ? "✓ " : "";
            var label = v.IsAvailable
                ? $"{mark}{v.Name}{(v.PriceDelta > 0 ? $" +{Rubles.Format(v.PriceDelta)}" : "")}"
                : $"✖ {v.Name}";
            return Button(label, "opt", Id(v.Id));
        }).Chunk(2).Select(r => r.ToArray()).ToList();
        if (group.MaxSelected > 1)
        {
            buttons.Add([Button(t["Or.Done"], "next")]);
        }

        buttons.Add(Navigation());
        // The first step doubles as the item card: price and description above the first choice.
        var card = draft.GroupIndex == 0
            ? t["Or.Card", Html(item.Name), Rubles.Format(item.Price), Html(item.Description ?? "")].Value.TrimEnd()
            : $"<b>{Html(item.Name)}</b>";
        context.Show($"{card}\n\n{t["Or.Option", Html(group.Name), hint]}", new InlineKeyboardMarkup(buttons));
    }

    private void ShowQuantity(ConversationContext context, OrderDraft draft, MenuItem item)
    {
        var price = MenuPricing.Price(item, draft.Picked);
        var rows = new List<InlineKeyboardButton[]>
        {
            Enumerable.Range(1, 5).Select(n => Button(n.ToString(CultureInfo.InvariantCulture), "qty", Id(n))).ToArray(),
            Navigation(),
        };
        context.Show(t["Or.Quantity", Html(item.Name), Html(price.Summary ?? item.Description ?? ""), Rubles.Format(price.UnitPrice)], new InlineKeyboardMarkup(rows));
    }

    private async Task<(string Text, decimal Total)> DescribeCartAsync(OrderDraft draft, CancellationToken ct)
    {
        var ids = draft.Cart.Select(l => l.ItemId).Distinct().ToList();
        var items = await db.MenuItems.AsNoTracking().Include(i => i.OptionGroups).ThenInclude(g => g.Values).AsSplitQuery()
            .Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var text = new StringBuilder();
        decimal total = 0;
        for (var i = 0; i < draft.Cart.Count; i++)
        {
            var line = draft.Cart[i];
            if (!items.TryGetValue(line.ItemId, out var item))
            {
                continue;
            }

            var price = MenuPricing.Price(item, line.OptionIds);
            total += price.UnitPrice * line.Quantity;
            text.Append(t["Or.CartLine", i + 1, Html(item.Name), line.Quantity, Rubles.Format(price.UnitPrice * line.Quantity)]).Append('\n');
            if (price.Summary is { } summary)
            {
                text.Append("   <i>").Append(Html(summary)).Append("</i>\n");
            }
        }

        return (text.ToString(), total);
    }

    private async Task ShowCartAsync(ConversationContext context, OrderDraft draft, CancellationToken ct)
    {
        if (draft.Cart.Count == 0)
        {
            context.Show(t["Or.CartEmpty"], new InlineKeyboardMarkup([[Button(t["Or.AddMore"], "more")], [Button(t["Or.Quit"], "quit")]]));
            return;
        }

        var (lines, total) = await DescribeCartAsync(draft, ct);
        var rows = draft.Cart.Select((line, i) => new[]
        {
            Button($"{i + 1}: −", "dec", Id(i)),
            Button($"{i + 1}: +", "inc", Id(i)),
            Button($"{i + 1}: 🗑", "del", Id(i)),
        }).ToList();
        rows.Add([Button(t["Or.AddMore"], "more"), Button(t["Or.Clear"], "clear")]);
        rows.Add([Button(t["Or.Checkout"], "checkout")]);
        rows.Add([Button(t["Or.Quit"], "quit")]);
        context.Show($"{t["Or.Cart"]}\n{lines}{t["Or.Total", Rubles.Format(total)]}", new InlineKeyboardMarkup(rows));
    }

    private void ShowPickupTimes(ConversationContext context)
    {
        var rows = orders.PickupChoicesUtc()
            .Select(at => Button(lounge.ToLocal(at).ToString("ddd HH:mm", CultureInfo.CurrentUICulture), "at",
                (new DateTimeOffset(at, TimeSpan.Zero).ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture)))
            .Chunk(4).Select(r => r.ToArray()).ToList();
        rows.Add(Navigation());
        context.Show(t["Or.PickupWhen"], new InlineKeyboardMarkup(rows));
    }

    private async Task ShowTablesAsync(ConversationContext context, CancellationToken ct)
    {
        var numbers = await db.Tables.AsNoTracking().Where(x => x.IsActive).OrderBy(x => x.Number).Select(x => x.Number).ToListAsync(ct);
        var rows = numbers.Select(n => Button(n.ToString(CultureInfo.InvariantCulture), "table", Id(n))).Chunk(5).Select(r => r.ToArray()).ToList();
        rows.Add(Navigation());
        context.Show(t["Or.PickTable"], new InlineKeyboardMarkup(rows));
    }

    private async Task ShowBookingsAsync(ConversationContext context, CancellationToken ct)
    {
        var upcoming = (await history.ForCustomerAsync(context.Customer.Id, ct: ct)).UpcomingBookings;
        var rows = upcoming.Select(b => new[] { Button($"{b.Code} · {lounge.ToLocal(b.StartUtc).ToString("d MMM HH:mm", CultureInfo.CurrentUICulture)}", "booking", Id(b.Id)) }).ToList();
        rows.Add(Navigation());
        context.Show(upcoming.Count == 0 ? t["Or.NoBookings"] : t["Or.PickBooking"], new InlineKeyboardMarkup(rows));
    }

    private async Task ShowSummaryAsync(ConversationContext context, OrderDraft draft, CancellationToken ct)
    {
        var (lines, total) = await DescribeCartAsync(draft, ct);
        var where = draft.Type switch
        {
            OrderType.AtTable => t["Or.TypeTable"] + $" {draft.TableNumber}",
            OrderType.ToBooking => t["Or.TypeBooking"],
            _ => $"{t["Or.TypePickup"]} · {lounge.ToLocal(draft.PickupAtUtc ?? lounge.UtcNow).ToString("HH:mm", CultureInfo.CurrentUICulture)}",
        };
        var text = t["Or.Summary", lines, t["Or.Total", Rubles.Format(total)], where, string.IsNullOrWhiteSpace(draft.Comment) ? "" : $"\n💬 {Html(draft.Comment)}"];
        var keyboard = new InlineKeyboardMarkup([[Button(t["Bk.Confirm"], "ok")], Navigation()]);
        if (context.Input.Kind == InputKind.Button)
        {
            context.Show(text, keyboard);
        }
        else
        {
            context.Send(text, keyboard);
        }
    }

    private async Task<OrderDraft> ConfirmAsync(ConversationContext context, OrderDraft draft, CancellationToken ct)
    {
        var result = await orders.PlaceAsync(new PlaceOrder(
            context.Customer.Id,
            draft.Type ?? OrderType.Pickup,
            [.. draft.Cart.Select(l => new OrderLineRequest(l.ItemId, l.Quantity, l.OptionIds))],
            draft.TableNumber,
            draft.BookingId,
            draft.Comment,
            $"tg:{context.ChatId}:{draft.CartVersion}",
            draft.PickupAtUtc), ct);
        context.Acknowledge();
        switch (result.Error)
        {
            case OrderError.None:
                context.Show(t["Or.Placed", result.Order!.Id, Rubles.Format(result.Order.Total)], new InlineKeyboardMarkup(
                [
                    [Buttons.Button(t["Btn.Mine"], Buttons.Mine)],
                    [Buttons.Button(t["Btn.Home"], Buttons.Home)],
                ]));
                context.SwitchTo(HomeConversation.ConversationName, HomeConversation.StayQuietDraft);
                return draft with { Cart = [], CartVersion = draft.CartVersion + 1 };
            case OrderError.ItemUnavailable:
                context.Send(t["Or.Unavailable", Html(result.Detail ?? "")]);
                break;
            case OrderError.TableUnknown:
                context.Send(t["Or.TableUnknown"]);
                break;
            case OrderError.PickupTimeInvalid:
                context.Send(t["Or.PickupLate"]);
                break;
            default:
                context.Send(t["Or.Failed"]);
                break;
        }

        return draft;
    }

    private InlineKeyboardButton[] Navigation() => [Button(t["Bk.Back"], "back"), Button(t["Or.Quit"], "quit")];

    private static InlineKeyboardButton Button(string text, string action, string? argument = null) =>
        Buttons.Button(text, new CallbackData(Area, action, argument));

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
