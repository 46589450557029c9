using System.Globalization;
using HookahLounge.Bot.Routing;
using Telegram.Bot.Types.ReplyMarkups;

namespace HookahLounge.Bot.Keyboards;

/// <summary>Button payloads that more than one dialog shows; each dialog builds its own from its area.</summary>
public static class Buttons
{
    public static readonly CallbackData AgeYes = new("age", "yes");
    public static readonly CallbackData AgeNo = new("age", "no");
    public static readonly CallbackData Home = new("home", "main");
    public static readonly CallbackData Menu = new("home", "menu");
    public static readonly CallbackData Order = new("home", "order");
    public static readonly CallbackData Cart = new("home", "cart");
    public static readonly CallbackData Book = new("home", "book");
    public static readonly CallbackData Mine = new("home", "mine");
    public static readonly CallbackData Promos = new("home", "promos");
    public static readonly CallbackData Contacts = new("home", "contacts");
    public static readonly CallbackData Settings = new("home", "settings");
    public static readonly CallbackData Repeat = new("mine", "repeat");
    public static readonly CallbackData Visit = new("vs", "show");

    public static CallbackData Category(int id) => new("or", "cat", Id(id));

    public static InlineKeyboardButton Button(string text, CallbackData data) => InlineKeyboardButton.WithCallbackData(text, data.ToString());

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Buttons two or three to a row, for short labels such as dates and times.</summary>
    public static List<InlineKeyboardButton[]> Grid(IEnumerable<InlineKeyboardButton> buttons, int perRow) =>
        [.. buttons.Chunk(perRow).Select(row => row.ToArray())];
}
