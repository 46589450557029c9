using System.Globalization;
using HookahLounge.Bot.Conversations.Booking;
using HookahLounge.Bot.Conversations.Home;
using HookahLounge.Bot.Conversations.Ordering;
using HookahLounge.Bot.Keyboards;
using HookahLounge.Bot.Routing;
using HookahLounge.Bot.Texts;
using HookahLounge.Core.Broadcasts;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Lounge;
using Microsoft.Extensions.Localization;
using Stateless;
using Telegram.Bot.Types.ReplyMarkups;

namespace HookahLounge.Bot.Conversations.Settings;

/// <summary>
/// The guest's settings and consent: language, promo news (with the one-time question after a first order or
/// booking, <c>/stop</c> and the unsubscribe button under every promo), and the birthday. The "news" buttons
/// (under promo messages and the one-time question) work from anywhere.
/// </summary>
public sealed class SettingsConversation(IStringLocalizer<BotTexts> t, PromoConsent consent, LoungeProfile lounge) : IConversation
{
    public const string ConversationName = "Settings";

    /// <summary>Buttons under promo messages and the one-time news question.</summary>
    public const string NewsArea = "news";

    public string Name => ConversationName;

    public IReadOnlyCollection<string> Areas { get; } = ["set", NewsArea];

    public string EntryState => nameof(SettingsDialog.State.Outside);

    public string Graph(ConversationContext context) => Dialog(context).ToDotGraph();

    public Task EnterAsync(ConversationContext context, CancellationToken ct) => Dialog(context).OpenAsync();

    public void Leave(ConversationContext context)
    {
    }

    public bool Accepts(CallbackData button) => Intent(button) is not null;

    public Task HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var dialog = Dialog(context);
        var input = context.Input;
        if (input.Command == "stop")
        {
            return dialog.StopAsync(ConsentSource.BotStopCommand);
        }

        if (input.Kind == InputKind.Text && dialog.Current == SettingsDialog.State.AwaitingBirthday)
        {
            return dialog.GiveBirthdayAsync(input.Text);
        }

        var intent = input.Kind == InputKind.Button && CallbackData.TryParse(input.Text, out var data) ? Intent(data) : null;
        return intent is null ? dialog.NotUnderstoodAsync() : intent(dialog);
    }

    private SettingsDialog Dialog(ConversationContext context) => new(context, t, consent, lounge);

    private static Func<SettingsDialog, Task>? Intent(CallbackData data) => (data.Area, data.Action, data.Argument) switch
    {
        ("set", "lang", { } code) when CustomerDirectory.SupportedLanguages.Contains(code) => d => d.PickLanguageAsync(code),
        ("set", "news", "on") => d => d.SetPromoNewsAsync(true),
        ("set", "news", "off") => d => d.SetPromoNewsAsync(false),
        ("set", "bday", null) => d => d.AskBirthdayAsync(),
        (NewsArea, "yes", null) => d => d.AnswerNewsQuestionAsync(true),
        (NewsArea, "no", null) => d => d.AnswerNewsQuestionAsync(false),
        (NewsArea, "skip", null) => d => d.SkipBirthdayAsync(),
        (NewsArea, "stop", _) => d => d.StopAsync(ConsentSource.PromoButton),
        (NewsArea, "menu", null) => d => d.GoToAsync(OrderConversation.ConversationName, null),
        (NewsArea, "book", null) => d => d.GoToAsync(BookingConversation.ConversationName, null),
        (NewsArea, "book", { } date) when DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            => d => d.GoToAsync(BookingConversation.ConversationName, new BookingDraft { Date = day }.ToJson()),
        _ => null,
    };

    /// <summary>
    /// The one-time question, asked under the guest's first placed order or booking (in the same message, so the
    /// confirmation stays the last thing they see): <paramref name="screen"/> with the question and its two buttons
    /// added, once per guest; the screen unchanged otherwise.
    /// </summary>
    public static Screen WithNewsQuestionOnce(Screen screen, ConversationContext context, IStringLocalizer<BotTexts> t, DateTime utcNow)
    {
        if (!PromoConsent.ShouldAsk(context.Customer))
        {
            return screen;
        }

        PromoConsent.MarkAsked(context.Customer, utcNow);
        var rows = screen.Keyboard is InlineKeyboardMarkup inline ? inline.InlineKeyboard.Select(r => r.ToArray()).ToList() : [];
        rows.Add([Buttons.Button(t["Btn.NewsYes"], new CallbackData(NewsArea, "yes")), Buttons.Button(t["Btn.NewsNo"], new CallbackData(NewsArea, "no"))]);
        return new Screen($"{screen.Text}\n\n{t["News.Ask"]}", new InlineKeyboardMarkup(rows));
    }

    public sealed class SettingsDialog : Dialog<SettingsDialog.State, SettingsDialog.Trigger>
    {
        private readonly PromoConsent _consent;
        private readonly LoungeProfile _lounge;
        private readonly StateMachine<State, Trigger>.TriggerWithParameters<string> _language;
        private readonly StateMachine<State, Trigger>.TriggerWithParameters<bool> _promoNews;
        private readonly StateMachine<State, Trigger>.TriggerWithParameters<bool> _answerNews;
        private readonly StateMachine<State, Trigger>.TriggerWithParameters<string?> _giveBirthday;
        private readonly StateMachine<State, Trigger>.TriggerWithParameters<ConsentSource> _stop;

        public enum State
        {
            Outside,
            Open,

            /// <summary>Waiting for the guest to type their birthday (or skip).</summary>
            AwaitingBirthday,
        }

        public enum Trigger
        {
            Open,
            PickLanguage,
            SetPromoNews,
            AnswerNews,
            AskBirthday,
            GiveBirthday,
            SkipBirthday,
            Stop,
        }

        public SettingsDialog(ConversationContext context, IStringLocalizer<BotTexts> t, PromoConsent consent, LoungeProfile lounge) : base(context, t, State.Outside)
        {
            _consent = consent;
            _lounge = lounge;
            _language = Machine.SetTriggerParameters<string>(Trigger.PickLanguage);
            _promoNews = Machine.SetTriggerParameters<bool>(Trigger.SetPromoNews);
            _answerNews = Machine.SetTriggerParameters<bool>(Trigger.AnswerNews);
            _giveBirthday = Machine.SetTriggerParameters<string?>(Trigger.GiveBirthday);
            _stop = Machine.SetTriggerParameters<ConsentSource>(Trigger.Stop);

            foreach (var state in Enum.GetValues<State>())
            {
                // Consent answers and /stop count wherever the guest is; afterwards the chat is home again.
                var config = Machine.Configure(state);
                Allow(config, state, Trigger.Open, State.Open, () => true, "always");
                Allow(config, state, Trigger.AskBirthday, State.AwaitingBirthday, () => true, "always");
                Allow(config, state, Trigger.Stop, State.Outside, () => true, "always");
                Allow(config, state, Trigger.AnswerNews, State.AwaitingBirthday, () => context.Customer.Birthday is null, "birthday unknown");
                Allow(config, state, Trigger.AnswerNews, State.Outside, () => context.Customer.Birthday is not null, "birthday known");
            }

            Machine.Configure(State.Outside)
                .OnEntryFrom(_answerNews, answer =>
                {
                    AnswerNews(answer);
                    GoHome();
                })
                .OnEntryFrom(_stop, Stop);

            Machine.Configure(State.Open)
                .OnEntryFrom(Trigger.Open, () => context.Show(Screen()))
                .Ignore(Trigger.SkipBirthday)
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
                    _consent.SetTelegram(context.Customer, on, ConsentSource.BotSettings);
                    context.Acknowledge(T["Saved"]);
                    context.Show(Screen());
                });

            Machine.Configure(State.AwaitingBirthday)
                .OnEntryFrom(_answerNews, answer =>
                {
                    AnswerNews(answer);
                    context.Send(BirthdayQuestion());
                })
                .OnEntryFrom(Trigger.AskBirthday, () =>
                {
                    context.Acknowledge();
                    context.Send(BirthdayQuestion());
                })
                .Permit(Trigger.SkipBirthday, State.Outside)
                .InternalTransition(_giveBirthday, (text, _) =>
                {
                    if (!PromoConsent.TryParseBirthday(text, DateOnly.FromDateTime(_lounge.LocalNow), out var birthday))
                    {
                        context.Send(BirthdayQuestion().WithHint(T["Birthday.Invalid"]));
                        return;
                    }

                    context.Customer.Birthday = birthday;
                    context.Send(T["Birthday.Saved", BirthdayText(birthday)], HomeScreens.BackHome(T));
                    GoHome();
                });

            Machine.Configure(State.Outside)
                .OnEntryFrom(Trigger.SkipBirthday, () =>
                {
                    context.Acknowledge();
                    context.Send(T["Birthday.Skipped"], HomeScreens.BackHome(T));
                    GoHome();
                });
        }

        public Task OpenAsync() => Machine.FireAsync(Trigger.Open);

        public Task PickLanguageAsync(string code) => Machine.FireAsync(_language, code);

        public Task SetPromoNewsAsync(bool on) => Machine.CanFire(Trigger.SetPromoNews) ? Machine.FireAsync(_promoNews, on) : NotNowAsync();

        public Task AnswerNewsQuestionAsync(bool yes) => Machine.FireAsync(_answerNews, yes);

        public Task AskBirthdayAsync() => Machine.FireAsync(Trigger.AskBirthday);

        public Task GiveBirthdayAsync(string? text) => Machine.FireAsync(_giveBirthday, text);

        public Task SkipBirthdayAsync() => Machine.CanFire(Trigger.SkipBirthday) ? Machine.FireAsync(Trigger.SkipBirthday) : SkippedLateAsync();

        public Task StopAsync(ConsentSource source) => Machine.FireAsync(_stop, source);

        /// <summary>A promo's button: the chat goes to the menu or the booking dialog; the promo message stays in the chat.</summary>
        public Task GoToAsync(string conversation, string? draft)
        {
            Context.Acknowledge();
            Context.KeepPressedMessage();
            Context.SwitchTo(conversation, draft);
            return Task.CompletedTask;
        }

        protected override Task<Screen> CurrentScreenAsync() => Task.FromResult(Current == State.AwaitingBirthday ? BirthdayQuestion() : Screen());

        private Task SkippedLateAsync()
        {
            Context.Acknowledge();
            return Task.CompletedTask;
        }

        private void AnswerNews(bool yes)
        {
            _consent.MarkAsked(Context.Customer);
            _consent.SetTelegram(Context.Customer, yes, ConsentSource.BotQuestion);
            Context.Acknowledge(T["Saved"]);
            Context.KeepPressedMessage();
            Context.Send(yes ? T["News.Subscribed"] : T["News.Declined"]);
        }

        private void Stop(ConsentSource source)
        {
            _consent.MarkAsked(Context.Customer);
            _consent.SetTelegram(Context.Customer, false, source);
            Context.Acknowledge(T["Saved"]);
            Context.KeepPressedMessage();
            Context.Send(T["News.Stopped"], HomeScreens.BackHome(T));
            GoHome();
        }

        private static void Allow(StateMachine<State, Trigger>.StateConfiguration config, State from, Trigger trigger, State to, Func<bool> guard, string description)
        {
            if (from == to)
            {
                config.PermitReentryIf(trigger, guard, description);
            }
            else
            {
                config.PermitIf(trigger, to, guard, description);
            }
        }

        private void GoHome() => Context.SwitchTo(HomeConversation.ConversationName, HomeConversation.Quiet);

        private Screen BirthdayQuestion() => new(T["Birthday.Ask"], new InlineKeyboardMarkup([[Buttons.Button(T["Btn.Skip"], new CallbackData(NewsArea, "skip"))]]));

        private static string BirthdayText(DateOnly birthday) => birthday.ToString("d MMMM", CultureInfo.CurrentUICulture);

        private Screen Screen()
        {
            var promoNews = Context.Customer.PromoOptIn;
            var birthday = Context.Customer.Birthday is { } day ? BirthdayText(day) : T["Settings.NoBirthday"].Value;
            return new($"{T["Settings", T["LanguageName"], promoNews ? T["PromosOn"] : T["PromosOff"]]}\n{T["Settings.Birthday", birthday]}", new InlineKeyboardMarkup(
            [
                [Buttons.Button("🇷🇺 Русский", new CallbackData("set", "lang", "ru")), Buttons.Button("🇬🇧 English", new CallbackData("set", "lang", "en"))],
                [promoNews ? Buttons.Button(T["Btn.PromosOff"], new CallbackData("set", "news", "off")) : Buttons.Button(T["Btn.PromosOn"], new CallbackData("set", "news", "on"))],
                [Buttons.Button(T["Btn.Birthday"], new CallbackData("set", "bday"))],
                [Buttons.Button(T["Btn.Home"], Buttons.Home)],
            ]));
        }
    }
}
