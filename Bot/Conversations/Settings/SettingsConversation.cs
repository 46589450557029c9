using System.Globalization;
using HookahLounge.Bot.Keyboards;
using HookahLounge.Bot.Routing;
using HookahLounge.Bot.Texts;
using HookahLounge.Core.Customers;
using Microsoft.Extensions.Localization;
using Stateless;
using Telegram.Bot.Types.ReplyMarkups;

namespace HookahLounge.Bot.Conversations.Settings;

/// <summary>The guest's settings: the bot's language and promo news.</summary>
public sealed class SettingsConversation(IStringLocalizer<BotTexts> t) : IConversation
{
    public const string ConversationName = "Settings";

    public string Name => ConversationName;

    public IReadOnlyCollection<string> Areas { get; } = ["set"];

    public string EntryState => nameof(SettingsDialog.State.Outside);

    public string Graph(ConversationContext context) => new SettingsDialog(context, t).ToDotGraph();

    public Task EnterAsync(ConversationContext context, CancellationToken ct) => new SettingsDialog(context, t).OpenAsync();

    public void Leave(ConversationContext context)
    {
    }

    public bool Accepts(CallbackData button) => Intent(button) is not null;

    public Task HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var dialog = new SettingsDialog(context, t);
        var intent = context.Input.Kind == InputKind.Button && CallbackData.TryParse(context.Input.Text, out var data) ? Intent(data) : null;
        return intent is null ? dialog.NotUnderstoodAsync() : intent(dialog);
    }

    private static Func<SettingsDialog, Task>? Intent(CallbackData data) => data switch
    {
        { Area: "set", Action: "lang", Argument: { } code } when CustomerDirectory.SupportedLanguages.Contains(code) => d => d.PickLanguageAsync(code),
        { Area: "set", Action: "news", Argument: "on" } => d => d.SetPromoNewsAsync(true),
        { Area: "set", Action: "news", Argument: "off" } => d => d.SetPromoNewsAsync(false),
        _ => null,
    };

    public sealed class SettingsDialog : Dialog<SettingsDialog.State, SettingsDialog.Trigger>
    {
        private readonly StateMachine<State, Trigger>.TriggerWithParameters<string> _language;
        private readonly StateMachine<State, Trigger>.TriggerWithParameters<bool> _promoNews;

        public enum State
        {
            Outside,
            Open,
        }

        public enum Trigger
        {
            Open,
            PickLanguage,
            SetPromoNews,
        }

        public SettingsDialog(ConversationContext context, IStringLocalizer<BotTexts> t) : base(context, t, State.Outside)
        {
            _language = Machine.SetTriggerParameters<string>(Trigger.PickLanguage);
            _promoNews = Machine.SetTriggerParameters<bool>(Trigger.SetPromoNews);

            Machine.Configure(State.Outside).Permit(Trigger.Open, State.Open);

            Machine.Configure(State.Open)
                .OnEntry(() => context.Show(Screen()))
                .PermitReentry(Trigger.Open)
                .InternalTransition(_language, (code, _) =>
                {
                    if (CustomerDirectory.TrySetLanguage(context.Customer, code))
                    {
                        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(code);
                        context.Acknowledge(T["Saved"]);
                    }

                    context.Show(Screen());
                })
                .InternalTransition(_promoNews, (on, _) =>
                {
                    CustomerDirectory.SetPromoOptIn(context.Customer, on);
                    context.Acknowledge(T["Saved"]);
                    context.Show(Screen());
                });
        }

        public Task OpenAsync() => Machine.FireAsync(Trigger.Open);

        public Task PickLanguageAsync(string code) => Machine.FireAsync(_language, code);

        public Task SetPromoNewsAsync(bool on) => Machine.FireAsync(_promoNews, on);

        protected override Task<Screen> CurrentScreenAsync() => Task.FromResult(Screen());

        private Screen Screen()
        {
            var promoNews = Context.Customer.PromoOptIn;
            return new(T["Settings", T["LanguageName"], promoNews ? T["PromosOn"] : T["PromosOff"]], new InlineKeyboardMarkup(
            [
                [Buttons.Button("🇷🇺 Русский", new CallbackData("set", "lang", "ru")), Buttons.Button("🇬🇧 English", new CallbackData("set", "lang", "en"))],
                [promoNews ? Buttons.Button(T["Btn.PromosOff"], new CallbackData("set", "news", "off")) : Buttons.Button(T["Btn.PromosOn"], new CallbackData("set", "news", "on"))],
                [Buttons.Button(T["Btn.Home"], Buttons.Home)],
            ]));
        }
    }
}
