using System.Globalization;
using HookahLounge.Bot.Keyboards;
using HookahLounge.Bot.Routing;
using HookahLounge.Bot.Texts;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Lounge;
using Microsoft.Extensions.Localization;
using Telegram.Bot.Types.ReplyMarkups;
using static HookahLounge.Bot.Conversations.ConversationContext;

namespace HookahLounge.Bot.Conversations.Booking;

/// <summary>The booking dialog's screens. Callback data are "bk:action[:argument]".</summary>
public sealed class BookingScreens(IStringLocalizer<BotTexts> t, LoungeProfile lounge)
{
    public const string Area = "bk";

    public static InlineKeyboardButton Button(string text, string action, string? argument = null) =>
        Buttons.Button(text, new CallbackData(Area, action, argument));

    public Screen Dates(IReadOnlyList<(DateOnly Date, bool Open)> dates, string? moveCode)
    {
        var culture = CultureInfo.CurrentUICulture;
        var rows = Buttons.Grid(dates.Select(d => d.Open
            ? Button(d.Date.ToString("ddd d.MM", culture), "date", d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : Button($"{t["Bk.Closed"]} {d.Date.ToString("ddd d.MM", culture)}", "closed")), 3);
        rows.Add([Button(t["Bk.Quit"], "quit")]);
        var title = moveCode is { } code ? $"🔁 {Html(code)}\n{t["Bk.PickDate"]}" : t["Bk.PickDate"].Value;
        return new(title, new InlineKeyboardMarkup(rows));
    }

    public Screen Party(BookingSettings settings)
    {
        var rows = Buttons.Grid(Enumerable.Range(1, settings.MaxPartySize).Select(n => Button(Buttons.Id(n), "party", Buttons.Id(n))), 5);
        rows.Add(Navigation());
        return new(t["Bk.PickParty"] + "\n" + t["Bk.BigParty", settings.MaxPartySize, Html(lounge.Options.Phone)], new InlineKeyboardMarkup(rows));
    }

    /// <summary>Free start times for the day, party and duration (or only the alternatives after a clash), and the durations.</summary>
    public Screen Times(BookingSettings settings, BookingDraft draft, IReadOnlyList<DateTime> starts)
    {
        var culture = CultureInfo.CurrentUICulture;
        var day = draft.Date!.Value;
        var times = Buttons.Grid(starts.Select(s => Button(s.ToString("HH:mm", culture), "time", s.ToString("HH:mm", CultureInfo.InvariantCulture))), 4);
        var durations = Buttons.Grid(settings.DurationChoices().Select(m => Button(
            (m == draft.Duration ? "• " : "") + t["Bk.Hours", (m / 60m).ToString("0.#", culture)], "dur", Buttons.Id(m))), 4);
        var rows = times.Concat(durations).Append(Navigation()).ToList();
        var hours = t["Bk.Hours", (draft.Duration / 60m).ToString("0.#", culture)];
        var header = starts.Count == 0
            ? t["Bk.NoTimes", day.ToString("d MMMM", culture), draft.Party!.Value]
            : t["Bk.PickTime", day.ToString("ddd, d MMMM", culture), draft.Party!.Value, hours];
        return new(draft.Alternatives is { Count: > 0 } ? $"{t["Bk.Taken"]}\n\n{header}" : header, new InlineKeyboardMarkup(rows));
    }

    public Screen Places(IReadOnlyList<Zone> zones)
    {
        var rows = new List<InlineKeyboardButton[]> { new[] { Button(t["Bk.AnyPlace"], "zone", "0") } };
        rows.AddRange(zones.Select(z => new[] { Button(z.Name, "zone", Buttons.Id(z.Id)) }));
        rows.Add(Navigation());
        return new(t["Bk.PickPlace"], new InlineKeyboardMarkup(rows));
    }

    public Screen Phone() => PhoneStep.Ask(t, t["Bk.AskPhone"]);

    public Screen Summary(BookingSettings settings, BookingDraft draft, DateTime localStart, string? zone, string? phone)
    {
        var culture = CultureInfo.CurrentUICulture;
        var when = $"{localStart.ToString("ddd, d MMMM, HH:mm", culture)}–{localStart.AddMinutes(draft.Duration).ToString("HH:mm", culture)}";
        var hours = t["Bk.Hours", (draft.Duration / 60m).ToString("0.#", culture)];
        var text = draft.MoveBookingId is null
            ? t["Bk.Summary", when, draft.Party!.Value, hours, Html(zone ?? t["Bk.AnyPlace"]), Html(phone), settings.HoldMinutes]
            : t["Bk.SummaryMove", when, draft.Party!.Value, hours, "", "", "", Html(draft.MoveBookingCode)];
        return new(text, new InlineKeyboardMarkup([[Button(t["Bk.Confirm"], "ok")], Navigation()]));
    }

    public Screen Card(Core.Bookings.Booking booking, int? table, DateTime heldUntilLocal)
    {
        var culture = CultureInfo.CurrentUICulture;
        var start = lounge.ToLocal(booking.StartUtc);
        var when = $"{start.ToString("ddd, d MMMM, HH:mm", culture)}–{lounge.ToLocal(booking.EndUtc).ToString("HH:mm", culture)}";
        return new(
            t["Bk.Card", Html(booking.Code), when, booking.PartySize, table is null ? "" : t["Bk.Table", table], t[$"Booking.{booking.Status}"], heldUntilLocal.ToString("HH:mm", culture)],
            new InlineKeyboardMarkup([[Buttons.Button(t["Btn.MyBookings"], Buttons.Mine)], [Buttons.Button(t["Btn.Home"], Buttons.Home)]]));
    }

    public Screen Quitted() => new(t["Bk.Quitted"]);

    private InlineKeyboardButton[] Navigation() => [Button(t["Bk.Back"], "back"), Button(t["Bk.Quit"], "quit")];
}
