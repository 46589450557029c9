using System.Globalization;
using System.Text;
using HookahLounge.Bot.Keyboards;
using HookahLounge.Bot.Routing;
using HookahLounge.Bot.Texts;
using HookahLounge.Core;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Orders;
using Microsoft.Extensions.Localization;
using Telegram.Bot.Types.ReplyMarkups;
using static HookahLounge.Bot.Conversations.ConversationContext;

namespace HookahLounge.Bot.Conversations.Ordering;

/// <summary>A cart line priced for showing: the item, its options as the guest reads them, the line total.</summary>
public sealed record PricedCartLine(int Index, string Name, string? Options, int Quantity, decimal Total);

/// <summary>The order dialog's screens. Callback data are "or:action[:argument]".</summary>
public sealed class OrderScreens(IStringLocalizer<BotTexts> t, LoungeProfile lounge)
{
    public const string Area = "or";

    /// <summary>The guest's language (the update runs in it): English names where the lounge gave them.</summary>
    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public static InlineKeyboardButton Button(string text, string action, string? argument = null) =>
        Buttons.Button(text, new CallbackData(Area, action, argument));

    public Screen Sections(IReadOnlyList<MenuCategory> categories, int cartItems)
    {
        if (categories.Count == 0)
        {
            return new(t["MenuEmpty"], Home.HomeScreens.BackHome(t));
        }

        var rows = categories.Select(c => new[] { Button(c.DisplayName(Language), "cat", Buttons.Id(c.Id)) }).ToList();
        rows.Add(Footer(cartItems, back: false));
        return new(t["Or.Sections"], new InlineKeyboardMarkup(rows));
    }

    /// <summary>A section: every item with its price and description, and a button to open each.</summary>
    public Screen Items(MenuCategory category, int cartItems)
    {
        var text = new StringBuilder($"<b>{Html(category.DisplayName(Language))}</b>\n");
        foreach (var item in category.Items)
        {
            text.Append('\n').Append(item.IsAvailable
                ? $"• <b>{Html(item.DisplayName(Language))}</b> — {Rubles.Format(item.Price)}"
                : $"• <s>{Html(item.DisplayName(Language))}</s> — {t["StopListed"]}");
            if (item.DisplayDescription(Language) is { Length: > 0 } description)
            {
                text.Append($"\n  <i>{Html(description)}</i>");
            }
        }

        text.Append("\n\n").Append(t["Or.TapToOrder"]);
        var rows = category.Items.Select(i => new[]
        {
            i.IsAvailable
                ? Button($"{i.DisplayName(Language)} · {Rubles.Format(i.Price)}", "item", Buttons.Id(i.Id))
                : Button($"✖ {i.DisplayName(Language)} — {t["StopListed"]}", "item", Buttons.Id(i.Id)),
        }).ToList();
        rows.Add(Footer(cartItems, back: true));
        return new(text.ToString(), new InlineKeyboardMarkup(rows));
    }

    /// <summary>The item's card: every choice made so far (defaults included), quantity, price, and one tap to add it.</summary>
    public Screen Card(MenuItem item, IReadOnlyCollection<int> picks, int quantity, int cartItems)
    {
        var price = MenuPricing.Price(item, picks, Language);
        var unit = price.Problem is null ? price.UnitPrice : item.Price + item.OptionGroups.SelectMany(g => g.Values).Where(v => picks.Contains(v.Id)).Sum(v => v.PriceDelta);
        var text = new StringBuilder($"<b>{Html(item.DisplayName(Language))}</b> — {Rubles.Format(item.Price)}");
        if (item.DisplayDescription(Language) is { Length: > 0 } description)
        {
            text.Append($"\n<i>{Html(description)}</i>");
        }

        if (item.OptionGroups.Count > 0)
        {
            text.Append('\n');
            foreach (var group in item.OptionGroups)
            {
                text.Append('\n').Append(Html(group.DisplayName(Language))).Append(": ").Append(Picked(group, picks));
            }
        }

        text.Append("\n\n").Append(t["Or.QuantityLine", quantity, Rubles.Format(unit * quantity)]);
        var rows = Buttons.Grid(item.OptionGroups.Select(g => Button($"✏️ {g.DisplayName(Language)}", "grp", Buttons.Id(g.Id))), 2);
        rows.Add(
        [
            Button("➖", "qty", Buttons.Id(Math.Max(1, quantity - 1))),
            Button(t["Or.Pieces", quantity], "qty", Buttons.Id(quantity)),
            Button("➕", "qty", Buttons.Id(Math.Min(OrderService.MaxQuantity, quantity + 1))),
        ]);
        rows.Add([Button(t["Or.AddToCart", Rubles.Format(unit * quantity)], "add")]);
        rows.Add(Footer(cartItems, back: true));
        return new(text.ToString(), new InlineKeyboardMarkup(rows));
    }

    /// <summary>One option group of the item: its values, the current picks ticked.</summary>
    public Screen Option(MenuItem item, MenuOptionGroup group, IReadOnlyCollection<int> picks)
    {
        var hint = group.MaxSelected == 1 ? t["Or.PickOne"] : t["Or.PickUpTo", Math.Max(1, group.MinSelected), group.MaxSelected];
        var rows = Buttons.Grid(group.Values.Select(v =>
        {
            var mark = picks.Contains(v.Id) ? "✓ " : "";
            var label = v.IsAvailable ? $"{mark}{v.DisplayName(Language)}{(v.PriceDelta > 0 ? $" +{Rubles.Format(v.PriceDelta)}" : "")}" : $"✖ {v.DisplayName(Language)}";
            return Button(label, "opt", Buttons.Id(v.Id));
        }), 2);
        if (group.MinSelected == 0)
        {
            var none = !group.Values.Any(v => picks.Contains(v.Id));
            rows.Add([Button($"{(none ? "✓ " : "")}{t["Or.MasterChoice"]}", "clr")]);
        }

        if (group.MaxSelected > 1)
        {
            rows.Add([Button(t["Or.Done"], "done")]);
        }

        rows.Add([Button(t["Bk.Back"], "back")]);
        return new($"<b>{Html(item.DisplayName(Language))}</b>\n{Html(group.DisplayName(Language))}: {Picked(group, picks)}\n\n{t["Or.Option", Html(group.DisplayName(Language)), hint]}", new InlineKeyboardMarkup(rows));
    }

    public Screen Cart(IReadOnlyList<PricedCartLine> lines)
    {
        if (lines.Count == 0)
        {
            return new(t["Or.CartEmpty"], new InlineKeyboardMarkup([[Button(t["Or.AddMore"], "more")], [Button(t["Or.Quit"], "quit")]]));
        }

        var rows = lines.Select(line => new[]
        {
            Button($"{line.Index + 1}: −", "dec", Buttons.Id(line.Index)),
            Button($"{line.Index + 1}: +", "inc", Buttons.Id(line.Index)),
            Button($"{line.Index + 1}: 🗑", "del", Buttons.Id(line.Index)),
        }).ToList();
        rows.Add([Button(t["Or.AddMore"], "more"), Button(t["Or.Clear"], "clear")]);
        rows.Add([Button(t["Or.Checkout"], "checkout")]);
        rows.Add([Button(t["Or.Quit"], "quit")]);
        return new($"{t["Or.Cart"]}\n{Lines(lines)}", new InlineKeyboardMarkup(rows));
    }

    public Screen Destination() => new(t["Or.Type"], new InlineKeyboardMarkup(
    [
        [Button(t["Or.TypeTable"], "type", "table")],
        [Button(t["Or.TypeBooking"], "type", "booking")],
        [Button(t["Or.TypePickup"], "type", "pickup")],
        Navigation(),
    ]));

    public Screen Tables(IReadOnlyList<int> numbers)
    {
        var rows = Buttons.Grid(numbers.Select(n => Button(Buttons.Id(n), "table", Buttons.Id(n))), 5);
        rows.Add(Navigation());
        return new(t["Or.PickTable"], new InlineKeyboardMarkup(rows));
    }

    public Screen Bookings(IReadOnlyList<Core.Bookings.Booking> upcoming)
    {
        var rows = upcoming.Select(b => new[] { Button($"{b.Code} · {lounge.ToLocal(b.StartUtc).ToString("d MMM HH:mm", CultureInfo.CurrentUICulture)}", "booking", Buttons.Id(b.Id)) }).ToList();
        rows.Add(Navigation());
        return new(upcoming.Count == 0 ? t["Or.NoBookings"] : t["Or.PickBooking"], new InlineKeyboardMarkup(rows));
    }

    public Screen PickupTimes(IReadOnlyList<DateTime> choicesUtc)
    {
        var rows = Buttons.Grid(choicesUtc.Select(at => Button(
            lounge.ToLocal(at).ToString("ddd HH:mm", CultureInfo.CurrentUICulture),
            "at",
            (new DateTimeOffset(at, TimeSpan.Zero).ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture))), 4);
        rows.Add(Navigation());
        return new(choicesUtc.Count == 0 ? t["Or.NoPickupTimes"] : t["Or.PickupWhen"], new InlineKeyboardMarkup(rows));
    }

    /// <summary>The phone, asked once: a reply keyboard with Telegram's "share my number" button.</summary>
    public Screen Phone() => PhoneStep.Ask(t, t["Or.AskPhone"]);

    public Screen Comment() => new(t["Or.Comment"], new InlineKeyboardMarkup([[Button(t["Or.NoComment"], "nocomment")], Navigation()]));

    public Screen Summary(IReadOnlyList<PricedCartLine> lines, OrderDraft draft, string? phone)
    {
        var where = draft.Type switch
        {
            OrderType.AtTable => $"{t["Or.TypeTable"]} {draft.TableNumber}",
            OrderType.ToBooking => t["Or.TypeBooking"].Value,
            _ => $"{t["Or.TypePickup"]} · {lounge.ToLocal(draft.PickupAtUtc ?? lounge.UtcNow).ToString("HH:mm", CultureInfo.CurrentUICulture)}{(phone is null ? "" : $" · {Html(phone)}")}",
        };
        var comment = string.IsNullOrWhiteSpace(draft.Comment) ? "" : $"\n💬 {Html(draft.Comment)}";
        return new(t["Or.Summary", Lines(lines), where, comment],
            new InlineKeyboardMarkup([[Button(t["Bk.Confirm"], "ok")], Navigation()]));
    }

    public Screen Placed(Order order) => new(t["Or.Placed", order.Id, Rubles.Format(order.Total)], new InlineKeyboardMarkup(
    [
        [Buttons.Button(t["Btn.Mine"], Buttons.Mine)],
        [Buttons.Button(t["Btn.Home"], Buttons.Home)],
    ]));

    private string Lines(IReadOnlyList<PricedCartLine> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(t["Or.CartLine", line.Index + 1, Html(line.Name), line.Quantity, Rubles.Format(line.Total)]).Append('\n');
            if (line.Options is { } options)
            {
                text.Append("   <i>").Append(Html(options)).Append("</i>\n");
            }
        }

        return text.Append(t["Or.Total", Rubles.Format(lines.Sum(l => l.Total))]).ToString();
    }

    private string Picked(MenuOptionGroup group, IReadOnlyCollection<int> picks)
    {
        var names = group.Values.Where(v => picks.Contains(v.Id)).Select(v => v.DisplayName(Language)).ToList();
        return names.Count > 0 ? $"<b>{Html(string.Join(", ", names))}</b>"
            : group.MinSelected == 0 ? t["Or.MasterChoice"] : $"<i>{t["Or.NotChosen"]}</i>";
    }

    private InlineKeyboardButton[] Footer(int cartItems, bool back)
    {
        var row = new List<InlineKeyboardButton>();
        if (back)
        {
            row.Add(Button(t["Bk.Back"], "back"));
        }

        if (cartItems > 0)
        {
            row.Add(Button(t["Or.ToCart", cartItems], "cart"));
        }

        row.Add(Button(t["Or.Quit"], "quit"));
        return [.. row];
    }

    private InlineKeyboardButton[] Navigation() => [Button(t["Bk.Back"], "back"), Button(t["Or.Quit"], "quit")];
}
