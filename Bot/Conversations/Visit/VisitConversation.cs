using System.Text;
using System.Text.Json;
using HookahLounge.Bot.Keyboards;
using HookahLounge.Bot.Routing;
using HookahLounge.Bot.Texts;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Visits;
using Microsoft.Extensions.Localization;
using Stateless;
using Telegram.Bot.Types.ReplyMarkups;
using static HookahLounge.Bot.Conversations.ConversationContext;

namespace HookahLounge.Bot.Conversations.Visit;

/// <summary>
/// A visit at a table, opened by the table's QR code: one-tap service calls, the running bill with its lines,
/// how the guest will pay, and ending the visit (asking first while the bill is unpaid).
/// </summary>
public sealed class VisitConversation(IStringLocalizer<BotTexts> t, VisitService visits) : IConversation
{
    public const string ConversationName = "Visit";

    public string Name => ConversationName;

    public IReadOnlyCollection<string> Areas { get; } = ["vs"];

    public string EntryState => nameof(VisitDialog.State.Outside);

    public string Graph(ConversationContext context) => new VisitDialog(context, t, visits, CancellationToken.None).ToDotGraph();

    /// <summary>The table to open, when the chat arrives from the table's QR code.</summary>
    public sealed record VisitDraft(int? OpenTable);

    public async Task EnterAsync(ConversationContext context, CancellationToken ct)
    {
        var draft = Read(context.Session.DraftJson);
        context.Session.DraftJson = null;
        var dialog = new VisitDialog(context, t, visits, ct);
        await (draft?.OpenTable is { } table ? dialog.OpenAtTableAsync(table) : dialog.ShowTableAsync());
    }

    public void Leave(ConversationContext context)
    {
    }

    public bool Accepts(CallbackData button) => Intent(button) is not null;

    public Task HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var dialog = new VisitDialog(context, t, visits, ct);
        var intent = context.Input.Kind == InputKind.Button && CallbackData.TryParse(context.Input.Text, out var data) ? Intent(data) : null;
        return intent is null ? dialog.NotUnderstoodAsync() : intent(dialog);
    }

    private static Func<VisitDialog, Task>? Intent(CallbackData data) => data switch
    {
        { Area: "vs", Action: "show", Argument: null } => d => d.ShowTableAsync(),
        { Area: "vs", Action: "coals", Argument: null } => d => d.CallAsync(ServiceCallKind.ChangeCoals),
        { Area: "vs", Action: "master", Argument: null } => d => d.CallAsync(ServiceCallKind.HookahMaster),
        { Area: "vs", Action: "waiter", Argument: null } => d => d.CallAsync(ServiceCallKind.Waiter),
        { Area: "vs", Action: "bill", Argument: null } => d => d.AskForBillAsync(),
        { Area: "vs", Action: "pay", Argument: "card" } => d => d.PayAsync(PaymentMethod.Card),
        { Area: "vs", Action: "pay", Argument: "cash" } => d => d.PayAsync(PaymentMethod.Cash),
        { Area: "vs", Action: "end", Argument: null } => d => d.EndAsync(),
        { Area: "vs", Action: "endok", Argument: null } => d => d.ConfirmEndAsync(),
        _ => null,
    };

    private static VisitDraft? Read(string? json)
    {
        try
        {
            return json is null ? null : JsonSerializer.Deserialize<VisitDraft>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public sealed class VisitDialog : Dialog<VisitDialog.State, VisitDialog.Trigger>
    {
        private readonly VisitService _visits;
        private readonly CancellationToken _ct;
        private readonly StateMachine<State, Trigger>.TriggerWithParameters<int> _open;
        private readonly StateMachine<State, Trigger>.TriggerWithParameters<ServiceCallKind> _call;
        private readonly StateMachine<State, Trigger>.TriggerWithParameters<PaymentMethod> _pay;
        private VisitBill? _bill;

        public enum State
        {
            Outside,
            AtTable,
            ChoosingPayment,
            ConfirmingEnd,
        }

        public enum Trigger
        {
            Open,
            Show,
            Call,
            AskForBill,
            Pay,
            End,
            ConfirmEnd,
            NoVisit,
        }

        public VisitDialog(ConversationContext context, IStringLocalizer<BotTexts> t, VisitService visits, CancellationToken ct) : base(context, t, State.Outside)
        {
            _visits = visits;
            _ct = ct;
            _open = Machine.SetTriggerParameters<int>(Trigger.Open);
            _call = Machine.SetTriggerParameters<ServiceCallKind>(Trigger.Call);
            _pay = Machine.SetTriggerParameters<PaymentMethod>(Trigger.Pay);

            Machine.Configure(State.Outside)
                .Permit(Trigger.Open, State.AtTable)
                .Permit(Trigger.Show, State.AtTable)
                .OnEntryFrom(Trigger.NoVisit, () =>
                {
                    context.Acknowledge(T["Vs.NoVisit"], alert: true);
                    context.SwitchTo(Home.HomeConversation.ConversationName);
                })
                .OnEntryFromAsync(Trigger.End, EndVisitAsync)
                .OnEntryFromAsync(Trigger.ConfirmEnd, EndVisitAsync);

            Machine.Configure(State.AtTable)
                .OnEntryFromAsync(_open, OpenTableAsync)
                .OnEntry(transition =>
                {
                    if (transition.Trigger != Trigger.Open)
                    {
                        context.Show(TableScreen());
                    }
                })
                .PermitReentry(Trigger.Show)
                .PermitReentry(Trigger.Open)
                .Permit(Trigger.AskForBill, State.ChoosingPayment)
                .PermitIf(Trigger.End, State.ConfirmingEnd, () => _bill is { IsSettled: false }, "bill unpaid")
                .PermitIf(Trigger.End, State.Outside, () => _bill is null or { IsSettled: true }, "bill settled");

            Machine.Configure(State.ChoosingPayment)
                .OnEntry(() => context.Show(BillScreen()))
                .Permit(Trigger.Show, State.AtTable)
                .PermitReentry(Trigger.AskForBill)
                .Permit(Trigger.Pay, State.AtTable)
                .OnExitAsync(async transition =>
                {
                    if (transition.Trigger == Trigger.Pay && transition.Parameters is [PaymentMethod method])
                    {
                        await CallStaffAsync(ServiceCallKind.Bill, method);
                    }
                });

            Machine.Configure(State.ConfirmingEnd)
                .OnEntry(() => context.Show(ConfirmEndScreen()))
                .Permit(Trigger.Show, State.AtTable)
                .Permit(Trigger.AskForBill, State.ChoosingPayment)
                .Permit(Trigger.ConfirmEnd, State.Outside)
                .PermitReentry(Trigger.End);

            // Outside is where a chat arrives from another dialog: every table action works from there too.
            Machine.Configure(State.Outside)
                .Permit(Trigger.AskForBill, State.ChoosingPayment)
                .PermitIf(Trigger.End, State.ConfirmingEnd, () => _bill is { IsSettled: false }, "bill unpaid")
                .PermitReentryIf(Trigger.End, () => _bill is null or { IsSettled: true }, "bill settled")
                .Permit(Trigger.ConfirmEnd, State.ConfirmingEnd)
                .InternalTransitionAsync(_call, (kind, _) => CallStaffAsync(kind))
                .Ignore(Trigger.NoVisit);

            foreach (var atTable in new[] { State.AtTable, State.ChoosingPayment, State.ConfirmingEnd })
            {
                Machine.Configure(atTable)
                    .InternalTransitionAsync(_call, (kind, _) => CallStaffAsync(kind))
                    .Permit(Trigger.NoVisit, State.Outside);
            }
        }

        public Task OpenAtTableAsync(int table) => Machine.FireAsync(_open, table);

        public async Task ShowTableAsync() => await WithBillAsync(() => Machine.FireAsync(Trigger.Show));

        public Task CallAsync(ServiceCallKind kind) => WithBillAsync(() => Machine.FireAsync(_call, kind));

        public Task AskForBillAsync() => WithBillAsync(() => Machine.FireAsync(Trigger.AskForBill));

        public Task PayAsync(PaymentMethod method) => WithBillAsync(() => Machine.FireAsync(_pay, method));

        public Task EndAsync() => WithBillAsync(() => Machine.FireAsync(Trigger.End));

        public Task ConfirmEndAsync() => WithBillAsync(() => Machine.FireAsync(Trigger.ConfirmEnd));

        /// <summary>Every table action needs an open visit; without one the guest is told how to open it.</summary>
        private async Task WithBillAsync(Func<Task> action)
        {
            _bill = await _visits.CurrentAsync(Context.Customer.Id, _ct);
            if (_bill is null)
            {
                if (Current == State.Outside)
                {
                    Context.Acknowledge(T["Vs.NoVisit"], alert: true);
                    Context.SwitchTo(Home.HomeConversation.ConversationName);
                    return;
                }

                await Machine.FireAsync(Trigger.NoVisit);
                return;
            }

            await action();
        }

        protected override async Task<Screen> CurrentScreenAsync()
        {
            _bill ??= await _visits.CurrentAsync(Context.Customer.Id, _ct);
            return _bill is null ? new Screen(T["Vs.NoVisit"], Home.HomeScreens.BackHome(T)) : Current switch
            {
                State.ChoosingPayment => BillScreen(),
                State.ConfirmingEnd => ConfirmEndScreen(),
                _ => TableScreen(),
            };
        }

        private async Task OpenTableAsync(int table)
        {
            var opened = await _visits.OpenAtTableAsync(Context.Customer.Id, table, _ct);
            if (opened.Error != VisitError.None)
            {
                Context.Send(T["Vs.UnknownTable", table]);
                Context.SwitchTo(Home.HomeConversation.ConversationName);
                return;
            }

            _bill = await _visits.CurrentAsync(Context.Customer.Id, _ct);
            Context.Send(TableScreen().WithHint(T["Vs.Opened", opened.TableNumber!]));
        }

        private async Task CallStaffAsync(ServiceCallKind kind, PaymentMethod? payment = null)
        {
            var result = await _visits.CallAsync(Context.Customer.Id, kind, payment, _ct);
            var toast = result switch
            {
                { PaymentChanged: true } => T["Vs.PaymentChanged"],
                { AlreadyOpen: true, Call.Status: ServiceCallStatus.Accepted } => T["Vs.AlreadyCalled"],
                { AlreadyOpen: true } => T["Vs.AlreadyPassed"],
                _ => T["Vs.Called"],
            };
            Context.Acknowledge(toast, alert: result.AlreadyOpen && !result.PaymentChanged);
        }

        private async Task EndVisitAsync()
        {
            await _visits.EndAsync(Context.Customer.Id, _ct);
            Context.Show(new Screen(T["Vs.Ended"], Home.HomeScreens.BackHome(T)));
            Context.SwitchTo(Home.HomeConversation.ConversationName, Home.HomeConversation.Quiet);
        }

        private Screen TableScreen() => new(TableText(withLines: false), new InlineKeyboardMarkup(
        [
            [Buttons.Button(T["Vs.Coals"], new CallbackData("vs", "coals")), Buttons.Button(T["Vs.Master"], new CallbackData("vs", "master"))],
            [Buttons.Button(T["Vs.Waiter"], new CallbackData("vs", "waiter")), Buttons.Button(T["Vs.Bill"], new CallbackData("vs", "bill"))],
            [Buttons.Button(T["Btn.Order"], Buttons.Order)],
            [Buttons.Button(T["Vs.End"], new CallbackData("vs", "end"))],
            [Buttons.Button(T["Btn.Home"], Buttons.Home)],
        ]));

        private Screen BillScreen() => new($"{TableText(withLines: true)}\n\n{T["Vs.PayHow"]}", new InlineKeyboardMarkup(
        [
            [Buttons.Button(T["Vs.Card"], new CallbackData("vs", "pay", "card")), Buttons.Button(T["Vs.Cash"], new CallbackData("vs", "pay", "cash"))],
            [Buttons.Button(T["Bk.Back"], Buttons.Visit)],
        ]));

        private Screen ConfirmEndScreen() => new($"{TableText(withLines: true)}\n\n{T["Vs.EndUnpaid"]}", new InlineKeyboardMarkup(
        [
            [Buttons.Button(T["Vs.EndYes"], new CallbackData("vs", "endok"))],
            [Buttons.Button(T["Vs.Bill"], new CallbackData("vs", "bill"))],
            [Buttons.Button(T["Bk.Back"], Buttons.Visit)],
        ]));

        /// <summary>The table and its bill; with the lines when the guest is about to pay or leave.</summary>
        private string TableText(bool withLines)
        {
            var bill = _bill!;
            var text = new StringBuilder(T["Vs.Table", bill.TableNumber, Rubles.Format(bill.Total)]);
            if (withLines)
            {
                foreach (var line in bill.Billed.SelectMany(o => o.Lines))
                {
                    text.Append('\n').Append(T["Vs.BillLine", Html(line.ItemName), line.Quantity, Rubles.Format(line.UnitPrice * line.Quantity)]);
                }
            }

            return text.ToString();
        }
    }
}
