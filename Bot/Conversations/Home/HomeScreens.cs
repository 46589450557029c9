using System.Globalization;
using System.Text;
using HookahLounge.Bot.Keyboards;
using HookahLounge.Bot.Texts;
using HookahLounge.Core;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Promotions;
using Microsoft.Extensions.Localization;
using Telegram.Bot.Types.ReplyMarkups;
using static HookahLounge.Bot.Conversations.ConversationContext;

namespace HookahLounge.Bot.Conversations.Home;

/// <summary>The home dialog's screens: greeting, age gate, main menu, help, contacts and promos.</summary>
public sealed class HomeScreens(IStringLocalizer<BotTexts> t, LoungeProfile lounge)
{
    /// <summary>Where the lounge is, for Telegram's venue message.</summary>
    public (double Latitude, double Longitude, string Title, string Address) Venue =>
        (lounge.Options.Latitude, lounge.Options.Longitude, lounge.Name, lounge.Options.Address);

    public Screen Welcome() => new(t["Welcome", Html(lounge.Name)]);

    public Screen AgeQuestion() => new(t["AgeQuestion"], new InlineKeyboardMarkup(
        [[Buttons.Button(t["AgeYes"], Buttons.AgeYes), Buttons.Button(t["AgeNo"], Buttons.AgeNo)]]));

    public Screen Underage() => new(t["Underage"]);

    /// <summary>The main menu; a guest at a table sees their table first, a kept cart is one tap away.</summary>
    public Screen MainMenu(bool atTable, int cartItems)
    {
        var rows = new List<InlineKeyboardButton[]>();
        if (atTable)
        {
            rows.Add([Buttons.Button(t["Vs.MyTable"], Buttons.Visit)]);
        }

        rows.Add(cartItems > 0
            ? [Buttons.Button(t["Btn.Menu"], Buttons.Menu), Buttons.Button(t["Or.ToCart", cartItems], Buttons.Cart)]
            : [Buttons.Button(t["Btn.Menu"], Buttons.Menu)]);
        rows.Add([Buttons.Button(t["Btn.Book"], Buttons.Book)]);
        rows.Add([Buttons.Button(t["Btn.Mine"], Buttons.Mine)]);
        rows.Add([Buttons.Button(t["Btn.Promos"], Buttons.Promos), Buttons.Button(t["Btn.Contacts"], Buttons.Contacts)]);
        rows.Add([Buttons.Button(t["Btn.Settings"], Buttons.Settings)]);
        return new(t["MainMenu"], new InlineKeyboardMarkup(rows));
    }

    public static InlineKeyboardMarkup BackHome(IStringLocalizer<BotTexts> t) => new([[Buttons.Button(t["Btn.Home"], Buttons.Home)]]);

    public Screen Help() => new(t["Help", Html(lounge.Name)], BackHome(t));

    public Screen Contacts()
    {
        var options = lounge.Options;
        var hours = new StringBuilder();
        var today = lounge.BusinessToday.DayOfWeek;
        foreach (var (day, dayHours) in lounge.Hours.Week())
        {
            var name = CultureInfo.CurrentUICulture.DateTimeFormat.GetDayName(day);
            var line = $"{name}: {dayHours?.ToString() ?? t["DayClosed"]}";
            hours.Append(day == today ? $"<b>▸ {line}</b>\n" : $"{line}\n");
        }

        hours.Append('\n').Append(lounge.IsOpenNow ? t["OpenNow"] : t["ClosedNow"]);
        var rows = new List<InlineKeyboardButton[]> { new[] { InlineKeyboardButton.WithUrl(t["Btn.OpenMap"], lounge.YandexMapsLink) } };
        if (!string.IsNullOrWhiteSpace(options.PublicSiteUrl))
        {
            rows.Add([InlineKeyboardButton.WithUrl(t["Btn.Site"], options.PublicSiteUrl)]);
        }

        rows.Add([Buttons.Button(t["Btn.Home"], Buttons.Home)]);
        return new(t["Contacts", Html(lounge.Name), Html(options.Address), Html(options.Phone), hours.ToString()], new InlineKeyboardMarkup(rows));
    }

    public Screen Promotions(IReadOnlyList<Promotion> current, string language)
    {
        if (current.Count == 0)
        {
            return new(t["PromosEmpty"], BackHome(t));
        }

        var text = new StringBuilder(t["Promos"]);
        foreach (var promo in current)
        {
            var icon = promo.Kind == PromotionKind.Event ? "🎤" : "🔥";
            text.Append($"\n\n{icon} <b>{Html(promo.DisplayTitle(language))}</b>");
            if (promo.StartsAtUtc is { } starts)
            {
                text.Append($"\n🗓 {lounge.ToLocal(starts).ToString("d MMMM, HH:mm", CultureInfo.CurrentUICulture)}");
            }

            text.Append($"\n{Html(promo.DisplayDescription(language))}");
        }

        var rows = new List<InlineKeyboardButton[]>();
        if (current.Any(p => p.Kind == PromotionKind.Event))
        {
            rows.Add([Buttons.Button(t["Btn.Book"], Buttons.Book)]);
        }

        rows.Add([Buttons.Button(t["Btn.Home"], Buttons.Home)]);
        return new(text.ToString(), new InlineKeyboardMarkup(rows));
    }
}
