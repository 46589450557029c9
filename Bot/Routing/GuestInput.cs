using HookahLounge.Core.Customers;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace HookahLounge.Bot.Routing;

public enum InputKind
{
    Command,
    Button,
    Text,
    Contact,
    Unsupported,
}

/// <summary>What a guest did, lifted out of the update's many shapes.</summary>
public sealed record GuestInput(
    long UpdateId,
    long ChatId,
    TelegramIdentity From,
    InputKind Kind,
    string? Text = null,
    string? CallbackQueryId = null,
    int? MessageId = null,
    string? Phone = null)
{
    /// <summary>The command without the slash or the bot's name ("/start@bot x" → "start").</summary>
    public string? Command => Kind == InputKind.Command ? Text!.Split(' ', 2)[0].TrimStart('/').Split('@')[0].ToLowerInvariant() : null;

    /// <summary>The text after the command, e.g. a deep-link payload of /start.</summary>
    public string? CommandArgument => Kind == InputKind.Command && Text!.Split(' ', 2) is [_, var arg] ? arg.Trim() : null;

    /// <summary>Reads a private-chat message or button press; other updates (groups, channels, edits) are not a guest's input.</summary>
    public static GuestInput? Read(Update update) => update switch
    {
        { Message: { Chat.Type: ChatType.Private, From: { } user } message } => FromMessage(update.Id, message, user),
        { CallbackQuery: { From: { } user, Message: { Chat.Type: ChatType.Private } message } query } =>
            new GuestInput(update.Id, message.Chat.Id, Identity(user, message.Chat.Id), InputKind.Button, query.Data, query.Id, message.MessageId),
        _ => null,
    };

    /// <summary>The chat an update belongs to, for ordering; 0 for updates without one.</summary>
    public static long ChatKeyOf(Update update) => update switch
    {
        { Message.Chat.Id: var id } => id,
        { EditedMessage.Chat.Id: var id } => id,
        { CallbackQuery.Message.Chat.Id: var id } => id,
        { CallbackQuery.From.Id: var id } => id,
        { MyChatMember.Chat.Id: var id } => id,
        _ => 0,
    };

    private static GuestInput FromMessage(long updateId, Message message, User user)
    {
        var who = Identity(user, message.Chat.Id);
        if (message.Contact is { PhoneNumber: { } phone } contact && (contact.UserId is null || contact.UserId == user.Id))
        {
            return new GuestInput(updateId, message.Chat.Id, who, InputKind.Contact, MessageId: message.MessageId, Phone: phone);
        }

        if (message.Text is { Length: > 0 } text)
        {
            var kind = text.StartsWith('/') ? InputKind.Command : InputKind.Text;
            return new GuestInput(updateId, message.Chat.Id, who, kind, text.Trim(), MessageId: message.MessageId);
        }

        return new GuestInput(updateId, message.Chat.Id, who, InputKind.Unsupported, MessageId: message.MessageId);
    }

    private static TelegramIdentity Identity(User user, long chatId) =>
        new(user.Id, chatId, user.FirstName, user.LastName, user.Username, user.LanguageCode);
}
