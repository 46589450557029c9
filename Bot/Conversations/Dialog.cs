using HookahLounge.Bot.Routing;
using HookahLounge.Bot.Texts;
using Microsoft.Extensions.Localization;
using Stateless;

namespace HookahLounge.Bot.Conversations;

/// <summary>
/// A dialog's state machine over the chat session: the state is read from and written to the session only
/// through the machine (external state storage, as in Stateless' PhoneCall example). Subclasses configure the
/// machine once in their constructor and expose intent-named methods that fire its triggers; a machine is
/// built per update, never shared.
/// </summary>
public abstract class Dialog<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    protected Dialog(ConversationContext context, IStringLocalizer<BotTexts> texts, TState outside)
    {
        Context = context;
        T = texts;
        Machine = new StateMachine<TState, TTrigger>(
            () => Enum.TryParse<TState>(context.Session.State, out var saved) && Enum.IsDefined(saved) ? saved : outside,
            state => context.Session.State = state.ToString());
        Machine.OnUnhandledTriggerAsync((_, _, _) => NotNowAsync());
    }

    protected ConversationContext Context { get; }

    protected IStringLocalizer<BotTexts> T { get; }

    protected StateMachine<TState, TTrigger> Machine { get; }

    public TState Current => Machine.State;

    /// <summary>The dialog's states and transitions in Graphviz DOT, for the docs.</summary>
    public string ToDotGraph() => Stateless.Graph.UmlDotGraph.Format(Machine.GetInfo());

    /// <summary>The current step's screen, for showing it again.</summary>
    protected abstract Task<Screen> CurrentScreenAsync();

    /// <summary>Shows the current step again (a stale button, an unexpected message), with a hint saying why.</summary>
    public async Task ShowCurrentAsync(string? hint = null)
    {
        var screen = (await CurrentScreenAsync()).WithHint(hint);
        if (Context.Input.Kind == InputKind.Button)
        {
            Context.Show(screen);
        }
        else
        {
            Context.Send(screen);
        }
    }

    /// <summary>Input this step cannot use: a polite hint and the same step again; nothing changes.</summary>
    public Task NotUnderstoodAsync()
    {
        if (Context.Input.Kind == InputKind.Button)
        {
            Context.Acknowledge(T["StaleButton"]);
            return ShowCurrentAsync();
        }

        return ShowCurrentAsync(Context.Input.Kind == InputKind.Unsupported ? T["Hint.Unsupported"] : T["Hint.UseButtons"]);
    }

    /// <summary>A known action that does not apply at this step (an old button, a double tap).</summary>
    protected virtual Task NotNowAsync() => NotUnderstoodAsync();
}
