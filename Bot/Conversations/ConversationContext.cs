using System.Net;
using HookahLounge.Bot.Replies;
using HookahLounge.Bot.Routing;
using HookahLounge.Core.Chats;
using HookahLounge.Core.Customers;
using Telegram.Bot.Types.ReplyMarkups;

namespace HookahLounge.Bot.Conversations;

/// <summary>Everything a dialog needs for one update: who, where they are, what they did, how to answer.</summary>
public sealed class ConversationContext(ChatSession session, Customer customer, GuestInput input, BotReplies replies)
{
    public ChatSession Session { get; } = session;

    public Customer Customer { get; } = customer;

    public GuestInput Input { get; } = input;

    public BotReplies Replies { get; } = replies;

    public long ChatId => Input.ChatId;

    /// <summary>The update's cancellation (the host stopping).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Set by a dialog that hands the chat to another one; the router enters it after this update.</summary>
    public string? Handoff { get; private set; }

    /// <summary>The starting draft (JSON) for the dialog the chat is handed to.</summary>
    public string? HandoffDraft { get; private set; }

    /// <summary>True once this update has put a screen (or any message) in front of the guest.</summary>
    public bool Answered { get; private set; }

    public void SwitchTo(string conversation, string? draftJson = null) => (Handoff, HandoffDraft) = (conversation, draftJson);

    /// <summary>The dialog to enter next and its starting draft, once; null when the chat stays where it is.</summary>
    public (string Conversation, string? DraftJson)? TakeHandoff()
    {
        if (Handoff is not { } next)
        {
            return null;
        }

        var handoff = (next, HandoffDraft);
        (Handoff, HandoffDraft) = (null, null);
        return handoff;
    }

    /// <summary>
    /// Shows a screen: edits the message whose button was pressed, or sends a new one. Only the first screen
    /// of an update may replace the pressed message; later ones are new messages below it.
    /// </summary>
    public void Show(Screen screen)
    {
        if (Input is { Kind: InputKind.Button, MessageId: { } messageId } && !Answered && screen.Keyboard is null or InlineKeyboardMarkup)
        {
            Replies.Edit(ChatId, messageId, screen.Text, screen.Keyboard as InlineKeyboardMarkup);
        }
        else
        {
            Replies.Send(ChatId, screen.Text, screen.Keyboard);
        }

        Answered = true;
    }

    /// <summary>Always a new message, e.g. a result the guest should keep in the chat history.</summary>
    public void Send(Screen screen)
    {
        Replies.Send(ChatId, screen.Text, screen.Keyboard);
        Answered = true;
    }

    public void Send(string text, ReplyMarkup? keyboard = null) => Send(new Screen(text, keyboard));

    /// <summary>Leaves the pressed message as it is (a promo, a question): later screens of this update are new messages.</summary>
    public void KeepPressedMessage() => Answered = true;

    /// <summary>Answers the pressed button, if any; a no-op for typed messages.</summary>
    public void Acknowledge(string? toast = null, bool alert = false)
    {
        if (Input.CallbackQueryId is { } id)
        {
            Replies.AnswerCallback(id, toast, alert);
        }
    }

    public static string Html(string? text) => WebUtility.HtmlEncode(text ?? "");
}

/// <summary>What a guest sees at a step: the text (Telegram HTML) and its keyboard.</summary>
public sealed record Screen(string Text, ReplyMarkup? Keyboard = null)
{
    /// <summary>The same screen with a line above it, e.g. why the step is shown again.</summary>
    public Screen WithHint(string? hint) => string.IsNullOrWhiteSpace(hint) ? this : this with { Text = $"{hint}\n\n{Text}" };
}

/// <summary>One dialog, rebuilt from the persisted session on every update.</summary>
public interface IConversation
{
    string Name { get; }

    /// <summary>The callback areas ("or", "bk") whose buttons this dialog answers.</summary>
    IReadOnlyCollection<string> Areas { get; }

    /// <summary>The state a chat is in when it is handed to this dialog, before the dialog moves it.</summary>
    string EntryState { get; }

    /// <summary>Whether a button of one of this dialog's areas means something to it (the router hands over only then).</summary>
    bool Accepts(CallbackData button);

    Task HandleAsync(ConversationContext context, CancellationToken ct);

    /// <summary>Starts the dialog when the chat is handed to it; the session's state is the dialog's outside state.</summary>
    Task EnterAsync(ConversationContext context, CancellationToken ct);

    /// <summary>Leaves the dialog before the chat goes elsewhere (a command, a button of another area): tidy up what the guest sees.</summary>
    void Leave(ConversationContext context);

    /// <summary>The dialog's state machine as a Graphviz DOT graph (docs/dialogs), built over <paramref name="context"/>.</summary>
    string Graph(ConversationContext context);
}
