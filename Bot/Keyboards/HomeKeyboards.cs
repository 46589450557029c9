using HookahLounge.Bot.Routing;
using HookahLounge.Bot.Texts;
using Microsoft.Extensions.Localization;
using Telegram.Bot.Types.ReplyMarkups;

namespace HookahLounge.Bot.Keyboards;

/// <summary>The buttons of the home dialog; payloads are built only from <see cref="Buttons"/>.</summary>
public static class Buttons
{
    public static readonly CallbackData AgeYes = new("age", "yes");
    public static readonly CallbackData AgeNo = new("age", "no");
    public static readonly CallbackData Home = new("home", "main");
    public static readonly CallbackData Menu = new("home", "menu");
    public static readonly CallbackData Order = new("home", "order");
    public static readonly CallbackData Book = new("home", "book");
    public static readonly CallbackData Mine = new("home", "mine");
    public static readonly CallbackData Promos = new("home", "promos");
    public static readonly CallbackData Contacts = new("home", "contacts");
    public static readonly CallbackData Settings = new("home", "settings");
    public static readonly CallbackData Repeat = new("home", "repeat");
    public static readonly CallbackData Visit = new("vs", "show");
    public static readonly CallbackData PromoNewsOn = new("set", "news", "on");
    public static readonly CallbackData PromoNewsOff = new("set", "news", "off");

    public static CallbackData Category(int id) => new("menu", "cat", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static CallbackData Language(string code) => new("set", "lang", code);

    public static InlineKeyboardButton Button(string text, CallbackData data) => InlineKeyboardButton.WithCallbackData(text, data.ToString());
}

public sealed class HomeKeyboards(IStringLocalizer<BotTexts> t)
{
    public InlineKeyboardMarkup AgeGate() => new([[Buttons.Button(t["AgeYes"], Buttons.AgeYes), Buttons.Button(t["AgeNo"], Buttons.AgeNo)]]);

    public InlineKeyboardMarkup Main(bool atTable = false) => new(
    [
        .. atTable ? new[] { new[] { Buttons.Button(t["Vs.MyTable"], Buttons.Visit) } } : [],
        [Buttons.Button(t["Btn.Menu"], Buttons.Menu), Buttons.Button(t["Btn.Order"], Buttons.Order)],
        [Buttons.Button(t["Btn.Book"], Buttons.Book)],
        [Buttons.Button(t["Btn.Mine"], Buttons.Mine)],
        [Buttons.Button(t["Btn.Promos"], Buttons.Promos), Buttons.Button(t["Btn.Contacts"], Buttons.Contacts)],
        [Buttons.Button(t["Btn.Settings"], Buttons.Settings)],
    ]);

    public InlineKeyboardMarkup BackHome() => new([[Buttons.Button(t["Btn.Home"], Buttons.Home)]]);

    public InlineKeyboardMarkup Sections(IEnumerable<(int Id, string Name)> categories) => new(
        categories.Select(c => new[] { Buttons.Button(c.Name, Buttons.Category(c.Id)) })
            .Append([Buttons.Button(t["Btn.Home"], Buttons.Home)]));

    public InlineKeyboardMarkup Section() => new(
    [
        [Buttons.Button(t["Btn.BackToMenu"], Buttons.Menu)],
        [Buttons.Button(t["Btn.Home"], Buttons.Home)],
    ]);

    public InlineKeyboardMarkup Contacts(string mapUrl, string? siteUrl)
    {
        var rows = new List<InlineKeyboardButton[]> { new[] { InlineKeyboardButton.WithUrl(t["Btn.OpenMap"], mapUrl) } };
        if (siteUrl is not null)
        {
            rows.Add([InlineKeyboardButton.WithUrl(t["Btn.Site"], siteUrl)]);
        }

        rows.Add([Buttons.Button(t["Btn.Home"], Buttons.Home)]);
        return new(rows);
    }

    /// <summary>Under "my bookings": cancel each upcoming booking, "running late" for today's, a new booking, home.</summary>
    public InlineKeyboardMarkup MyBookings(IEnumerable<Core.Bookings.Booking> upcoming, DateOnly today, Func<Core.Bookings.Booking, DateOnly> businessDateOf, bool canRepeat = false)
    {
        var rows = new List<InlineKeyboardButton[]>();
        if (canRepeat)
        {
            rows.Add([Buttons.Button(t["Or.Repeat"], Buttons.Repeat)]);
        }

        foreach (var booking in upcoming.Where(b => b.Status is Core.Bookings.BookingStatus.New or Core.Bookings.BookingStatus.Confirmed))
        {
            var id = booking.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var row = new List<InlineKeyboardButton> { Buttons.Button(t["Btn.CancelBooking", booking.Code], new CallbackData("bkm", "cancel", id)) };
            if (businessDateOf(booking) == today)
            {
                row.Add(Buttons.Button(t["Btn.Late", booking.Code], new CallbackData("bkm", "late", id)));
            }

            rows.Add([.. row]);
        }

        rows.Add([Buttons.Button(t["Btn.NewBooking"], Buttons.Book)]);
        rows.Add([Buttons.Button(t["Btn.Home"], Buttons.Home)]);
        return new(rows);
    }

    /// <summary>At the table: service calls, the bill, more orders, ending the visit.</summary>
    public InlineKeyboardMarkup Visit() => new(
    [
        [Buttons.Button(t["Vs.Coals"], new CallbackData("vs", "coals")), Buttons.Button(t["Vs.Master"], new CallbackData("vs", "master"))],
        [Buttons.Button(t["Vs.Waiter"], new CallbackData("vs", "waiter")), Buttons.Button(t["Vs.Bill"], new CallbackData("vs", "bill"))],
        [Buttons.Button(t["Btn.Order"], Buttons.Order)],
        [Buttons.Button(t["Vs.End"], new CallbackData("vs", "end"))],
        [Buttons.Button(t["Btn.Home"], Buttons.Home)],
    ]);

    public InlineKeyboardMarkup Payment() => new(
    [
        [Buttons.Button(t["Vs.Card"], new CallbackData("vs", "pay", "card")), Buttons.Button(t["Vs.Cash"], new CallbackData("vs", "pay", "cash"))],
        [Buttons.Button(t["Bk.Back"], Buttons.Visit)],
    ]);

    public InlineKeyboardMarkup Settings(bool promoNews) => new(
    [
        [Buttons.Button("🇷🇺 Русский", Buttons.Language("ru")), Buttons.Button("🇬🇧 English", Buttons.Language("en"))],
        [promoNews ? Buttons.Button(t["Btn.PromosOff"], Buttons.PromoNewsOff) : Buttons.Button(t["Btn.PromosOn"], Buttons.PromoNewsOn)],
        [Buttons.Button(t["Btn.Home"], Buttons.Home)],
    ]);
}
