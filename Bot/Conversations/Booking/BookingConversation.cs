using System.Globalization;
using HookahLounge.Bot.Routing;
using HookahLounge.Bot.Texts;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Lounge;
using Microsoft.Extensions.Localization;

namespace HookahLounge.Bot.Conversations.Booking;

/// <summary>Reads what the guest did in the booking dialog and calls the dialog's intent.</summary>
public sealed class BookingConversation(
    IStringLocalizer<BotTexts> t,
    BookingScreens screens,
    LoungeProfile lounge,
    BookingService bookings,
    BookingSettingsStore settingsStore,
    TableAvailability availability,
    FloorPlan floor) : IConversation
{
    public const string ConversationName = "Booking";

    public string Name => ConversationName;

    public IReadOnlyCollection<string> Areas { get; } = [BookingScreens.Area];

    public string EntryState => nameof(BookingDialog.State.Outside);

    public string Graph(ConversationContext context) => new BookingDialog(context, t, screens, lounge, bookings, new BookingSettings(), availability, floor).ToDotGraph();

    public async Task EnterAsync(ConversationContext context, CancellationToken ct)
    {
        var dialog = await DialogAsync(context, ct);
        if (dialog.Draft is not { Date: { } preset, MoveBookingId: null } || !await dialog.TryOpenOnAsync(preset))
        {
            await dialog.OpenAsync();
        }

        dialog.Save();
    }

    public void Leave(ConversationContext context)
    {
        if (context.Session.State == nameof(BookingDialog.State.Phone))
        {
            context.Send(PhoneStep.Leave(t, phoneGiven: false));
        }
    }

    /// <summary>Its buttons only count inside the dialog; the router never hands over for them.</summary>
    public bool Accepts(CallbackData button) => false;

    public async Task HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var dialog = await DialogAsync(context, ct);
        await Recognise(context.Input, dialog, dialog.Settings);
        dialog.Save();
    }

    private async Task<BookingDialog> DialogAsync(ConversationContext context, CancellationToken ct) =>
        new(context, t, screens, lounge, bookings, await settingsStore.GetAsync(ct), availability, floor);

    private static Task Recognise(GuestInput input, BookingDialog dialog, BookingSettings settings)
    {
        var state = dialog.Current;
        switch (input.Kind)
        {
            case InputKind.Contact or InputKind.Text when state == BookingDialog.State.Phone:
                return dialog.GivePhoneAsync(input.Kind == InputKind.Contact ? input.Phone : input.Text);
            case InputKind.Text when state == BookingDialog.State.Party
                                     && int.TryParse(input.Text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var typedParty) && typedParty > 0:
                return dialog.PickPartyAsync(typedParty);
            case InputKind.Button when CallbackData.TryParse(input.Text, out var parsed) && parsed.Area == BookingScreens.Area:
                break;
            default:
                return dialog.NotUnderstoodAsync();
        }

        CallbackData.TryParse(input.Text, out var data);
        var argument = data.Argument;
        return data.Action switch
        {
            "date" when DateOnly.TryParseExact(argument, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => dialog.PickDateAsync(d),
            "closed" => dialog.ClosedDayAsync(),
            "party" when data.TryGetIntArgument(out var p) => dialog.PickPartyAsync(p),
            "dur" when data.TryGetIntArgument(out var m) && settings.DurationChoices().Contains(m) => dialog.PickDurationAsync(m),
            "time" when TimeOnly.TryParseExact(argument, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var tm) => dialog.PickTimeAsync(tm),
            "zone" when int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var z) => dialog.PickPlaceAsync(z),
            "ok" when argument is null => dialog.ConfirmAsync(),
            "back" when argument is null => dialog.BackAsync(),
            "quit" when argument is null => dialog.QuitAsync(),
            _ => dialog.NotUnderstoodAsync(),
        };
    }
}
