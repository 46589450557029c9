using System.Globalization;
using System.Text.Json;
using HookahLounge.Bot.Conversations.Ordering;
using HookahLounge.Bot.Routing;
using HookahLounge.Bot.Texts;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Promotions;
using HookahLounge.Core.Visits;
using Microsoft.Extensions.Localization;
using Stateless;

namespace HookahLounge.Bot.Conversations.Home;

/// <summary>
/// Where every guest starts and returns: the greeting and 18+ gate, the main menu, help, contacts and promos.
/// The main menu hands the chat to the other dialogs.
/// </summary>
public sealed class HomeConversation(
    IStringLocalizer<BotTexts> t,
    HomeScreens screens,
    CustomerDirectory customers,
    PromotionBoard promotions,
    VisitService visits,
    CartKeeper carts,
    Booking.BookingLink bookingLink) : IConversation
{
    public const string ConversationName = "Home";

    /// <summary>Handoff draft: the previous dialog already answered (a placed order, a booking card), Home just takes the chat back.</summary>
    public static readonly string Quiet = JsonSerializer.Serialize(new HomeDraft(PendingTable: null, Quiet: true));

    public static string InitialState => nameof(HomeDialog.State.Welcome);

    public string Name => ConversationName;

    public IReadOnlyCollection<string> Areas { get; } = ["age", "home", Booking.BookingLink.Area];

    public string EntryState => nameof(HomeDialog.State.MainMenu);

    public string Graph(ConversationContext context) => Dialog(context, CancellationToken.None).ToDotGraph();

    public async Task EnterAsync(ConversationContext context, CancellationToken ct)
    {
        var quiet = HomeDialog.ReadDraft(context.Session.DraftJson)?.Quiet == true;
        context.Session.DraftJson = null;
        if (!quiet)
        {
            await Dialog(context, ct).ShowMainMenuAsync();
        }
    }

    public void Leave(ConversationContext context)
    {
    }

    public async Task HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var dialog = Dialog(context, ct);
        var input = context.Input;
        if (input.Command == "start" && TableFromDeepLink(input.CommandArgument) is { } table)
        {
            await dialog.ArriveAtTableAsync(table);
            return;
        }

        // A site booking confirmed from its page: outside the dialog's states, so the guest stays where they were.
        if (input.Command == "start" && Booking.BookingLink.TokenFrom(input.CommandArgument) is { } token)
        {
            await bookingLink.OpenAsync(context, token, ct);
            return;
        }

        if (input.Kind == InputKind.Button && CallbackData.TryParse(input.Text, out var pressed) && Booking.BookingLink.Owns(pressed))
        {
            await bookingLink.ConfirmAsync(context, pressed.Argument, ct);
            return;
        }

        if (dialog.Current == HomeDialog.State.Welcome)
        {
            // A chat that has never been greeted starts with the greeting, whatever it sent first.
            await dialog.StartAsync();
            return;
        }

        var intent = input.Kind switch
        {
            InputKind.Command => input.Command switch
            {
                "start" => d => d.StartAsync(),
                "help" => d => d.HelpAsync(),
                "contacts" => d => d.ContactsAsync(),
                "cancel" => d => d.ShowMainMenuAsync(),
                _ => null,
            },
            InputKind.Button when CallbackData.TryParse(input.Text, out var data) => Intent(data),
            _ => (Func<HomeDialog, Task>?)null,
        };
        await (intent is null ? dialog.NotUnderstoodAsync() : intent(dialog));
    }

    public bool Accepts(CallbackData button) => Intent(button) is not null || Booking.BookingLink.Owns(button);

    private static Func<HomeDialog, Task>? Intent(CallbackData data) => (data.Area, data.Action, data.Argument) switch
    {
        ("age", "yes", null) => d => d.ConfirmAgeAsync(),
        ("age", "no", null) => d => d.DeclineAgeAsync(),
        ("home", "main", null) => d => d.ShowMainMenuAsync(),
        ("home", "promos", null) => d => d.PromotionsAsync(),
        ("home", "contacts", null) => d => d.ContactsAsync(),
        ("home", "menu" or "order", null) => d => d.GoToAsync(OrderConversation.ConversationName),
        ("home", "cart", null) => d => d.GoToAsync(OrderConversation.ConversationName, OrderDraft.AtCart),
        ("home", "book", null) => d => d.GoToAsync(Booking.BookingConversation.ConversationName),
        ("home", "mine", null) => d => d.GoToAsync(Mine.MineConversation.ConversationName),
        ("home", "settings", null) => d => d.GoToAsync(Settings.SettingsConversation.ConversationName),
        _ => null,
    };

    private HomeDialog Dialog(ConversationContext context, CancellationToken ct) =>
        new(context, t, screens, customers, promotions, visits, carts, ct);

    private static int? TableFromDeepLink(string? payload) =>
        payload is not null && payload.StartsWith("table_", StringComparison.Ordinal)
        && int.TryParse(payload["table_".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var table) && table > 0
            ? table
            : null;

    /// <summary>What Home remembers between updates, or is handed when another dialog gives the chat back.</summary>
    public sealed record HomeDraft(int? PendingTable, bool Quiet = false);

    public sealed class HomeDialog : Dialog<HomeDialog.State, HomeDialog.Trigger>
    {
        private readonly HomeScreens _screens;
        private readonly PromotionBoard _promotions;
        private readonly VisitService _visits;
        private readonly CartKeeper _carts;
        private readonly CancellationToken _ct;
        private readonly StateMachine<State, Trigger>.TriggerWithParameters<string, string?> _goTo;
        private readonly StateMachine<State, Trigger>.TriggerWithParameters<int> _arriveAtTable;

        public enum State
        {
            Welcome,
            AwaitingAge,
            Underage,
            MainMenu,
        }

        public enum Trigger
        {
            Start,
            ConfirmAge,
            DeclineAge,
            ShowMainMenu,
            Help,
            Contacts,
            Promotions,
            GoTo,
            ArriveAtTable,
        }

        public HomeDialog(
            ConversationContext context,
            IStringLocalizer<BotTexts> t,
            HomeScreens screens,
            CustomerDirectory customers,
            PromotionBoard promotions,
            VisitService visits,
            CartKeeper carts,
            CancellationToken ct) : base(context, t, context.Customer.AgeConfirmedAtUtc is null ? State.Welcome : State.MainMenu)
        {
            _screens = screens;
            _promotions = promotions;
            _visits = visits;
            _carts = carts;
            _ct = ct;
            _goTo = Machine.SetTriggerParameters<string, string?>(Trigger.GoTo);
            _arriveAtTable = Machine.SetTriggerParameters<int>(Trigger.ArriveAtTable);
            var ageConfirmed = () => context.Customer.AgeConfirmedAtUtc is not null;

            Machine.Configure(State.Welcome)
                .PermitIf(Trigger.Start, State.MainMenu, ageConfirmed, "18+ confirmed")
                .PermitIf(Trigger.Start, State.AwaitingAge, () => !ageConfirmed(), "age not confirmed")
                .PermitIf(Trigger.ArriveAtTable, State.AwaitingAge, () => !ageConfirmed(), "age not confirmed")
                .PermitIf(Trigger.ShowMainMenu, State.AwaitingAge, () => !ageConfirmed(), "age not confirmed")
                .PermitIf(Trigger.ShowMainMenu, State.MainMenu, ageConfirmed, "18+ confirmed");

            Machine.Configure(State.AwaitingAge)
                .OnEntryFrom(_arriveAtTable, table => PendingTable = table)
                .OnEntry(() =>
                {
                    context.Send(_screens.Welcome());
                    context.Send(_screens.AgeQuestion());
                })
                .PermitReentry(Trigger.Start)
                .PermitReentry(Trigger.ShowMainMenu)
                .PermitReentry(Trigger.ArriveAtTable)
                .Permit(Trigger.ConfirmAge, State.MainMenu)
                .Permit(Trigger.DeclineAge, State.Underage);

            Machine.Configure(State.Underage)
                .OnEntry(() => context.Show(_screens.Underage()))
                .Permit(Trigger.Start, State.AwaitingAge)
                .PermitReentry(Trigger.ShowMainMenu);

            Machine.Configure(State.MainMenu)
                .OnEntryFrom(Trigger.ConfirmAge, () =>
                {
                    customers.ConfirmAge(context.Customer);
                    context.Acknowledge(T["AgeConfirmed"]);
                })
                .OnEntryAsync(async () =>
                {
                    // A table QR scanned before the age was confirmed opens the visit now.
                    if (PendingTable is { } table)
                    {
                        PendingTable = null;
                        Context.SwitchTo(Visit.VisitConversation.ConversationName, JsonSerializer.Serialize(new Visit.VisitConversation.VisitDraft(table)));
                        return;
                    }

                    await ShowMenuScreenAsync();
                })
                .PermitReentry(Trigger.Start)
                .PermitReentry(Trigger.ShowMainMenu)
                .InternalTransition(Trigger.Help, () => context.Show(_screens.Help()))
                .InternalTransition(Trigger.Contacts, () =>
                {
                    context.Acknowledge();
                    var venue = screens.Venue;
                    context.Replies.Venue(context.ChatId, venue.Latitude, venue.Longitude, venue.Title, venue.Address);
                    context.Send(_screens.Contacts());
                })
                .InternalTransitionAsync(Trigger.Promotions, async () =>
                    context.Show(_screens.Promotions(await _promotions.CurrentAsync(_ct), context.Customer.Language)))
                .InternalTransition(_goTo, (conversation, draft, _) => context.SwitchTo(conversation, draft))
                .InternalTransition(_arriveAtTable, (table, _) =>
                    context.SwitchTo(Visit.VisitConversation.ConversationName, JsonSerializer.Serialize(new Visit.VisitConversation.VisitDraft(table))));
        }

        private int? PendingTable
        {
            get => ReadDraft(Context.Session.DraftJson)?.PendingTable;
            set => Context.Session.DraftJson = value is null ? null : JsonSerializer.Serialize(new HomeDraft(value));
        }

        public static HomeDraft? ReadDraft(string? json)
        {
            try
            {
                return json is null ? null : JsonSerializer.Deserialize<HomeDraft>(json);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public Task StartAsync() => Machine.FireAsync(Trigger.Start);

        public Task ConfirmAgeAsync() => Machine.FireAsync(Trigger.ConfirmAge);

        public Task DeclineAgeAsync() => Machine.FireAsync(Trigger.DeclineAge);

        public Task ShowMainMenuAsync() => Machine.FireAsync(Trigger.ShowMainMenu);

        public Task HelpAsync() => Machine.FireAsync(Trigger.Help);

        public Task ContactsAsync() => Machine.FireAsync(Trigger.Contacts);

        public Task PromotionsAsync() => Machine.FireAsync(Trigger.Promotions);

        public Task ArriveAtTableAsync(int table) => Machine.FireAsync(_arriveAtTable, table);

        public Task GoToAsync(string conversation, string? draft = null) => Machine.FireAsync(_goTo, conversation, draft);

        protected override async Task<Screen> CurrentScreenAsync() => Current switch
        {
            State.AwaitingAge or State.Welcome => _screens.AgeQuestion(),
            State.Underage => _screens.Underage(),
            _ => await MenuScreenAsync(),
        };

        protected override Task NotNowAsync()
        {
            if (Current == State.AwaitingAge)
            {
                Context.Acknowledge(T["AgeFirst"]);
                Context.Send(_screens.AgeQuestion());
                return Task.CompletedTask;
            }

            return base.NotNowAsync();
        }

        private async Task<Screen> MenuScreenAsync() =>
            _screens.MainMenu(await _visits.HasOpenAsync(Context.Customer.Id, _ct), _carts.Load(Context.Session).ItemCount);

        private async Task ShowMenuScreenAsync()
        {
            var screen = await MenuScreenAsync();
            if (Context.Input.Kind == InputKind.Button)
            {
                Context.Show(screen);
            }
            else
            {
                Context.Send(screen);
            }
        }
    }
}
