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

    /// <summary>Set by a dialog that hands the chat to another one; the router enters it after this update.</summary>
    public (string Conversation, string? DraftJson)? Handoff { get; private set; }

    public void SwitchTo(string conversation, string? draftJson = null) => Handoff = (conversation, draftJson);

    /// <summary>Shows a screen: edits the message whose button was pressed, or sends a new one.</summary>
    public void Show(string text, InlineKeyboardMarkup? keyboard = null)
    {
        if (Input is { Kind: InputKind.Button, MessageId: { } messageId })
        {
            Replies.Edit(ChatId, messageId, text, keyboard);
        }
        else
        {
            Replies.Send(ChatId, text, keyboard);
        }
    }

    public void Send(string text, ReplyMarkup? keyboard = null) => Replies.Send(ChatId, text, keyboard);

    /// <summary>Answers the pressed button, if any; a no-op for typed messages.</summary>
    public void Acknowledge(string? toast = null, bool alert = false)
    {
        if (Input.CallbackQueryId is { } id)
        {
            Replies.AnswerCallback(id, toast, alert);
        }
    }
}

/// <summary>One dialog, rebuilt from the persisted session on every update.</summary>
public interface IConversation
{
    string Name { get; }

    Task HandleAsync(ConversationContext context, CancellationToken ct);

    /// <summary>Starts the dialog when another one hands the chat over; <see cref="ChatSession.DraftJson"/> may carry a starting draft.</summary>
    Task EnterAsync(ConversationContext context, CancellationToken ct);
}
