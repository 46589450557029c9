using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace HookahLounge.Bot.Replies;

/// <summary>
/// Outgoing messages for one update, held until the update's changes are committed so a rolled-back
/// update never talks to the guest.
/// </summary>
public sealed class BotReplies(ILogger<BotReplies> logger)
{
    private readonly List<Func<ITelegramBotClient, CancellationToken, Task>> _pending = [];
    private bool _callbackAnswered;

    public int Count => _pending.Count;

    public void Send(long chatId, string text, ReplyMarkup? markup = null) =>
        _pending.Add((bot, ct) => bot.SendMessage(chatId, text, ParseMode.Html, replyMarkup: markup, linkPreviewOptions: LinkPreviewOptions.Disabled, cancellationToken: ct));

    /// <summary>Replaces a message's text and buttons; falls back to a new message when it cannot be edited.</summary>
    public void Edit(long chatId, int messageId, string text, InlineKeyboardMarkup? markup = null) =>
        _pending.Add(async (bot, ct) =>
        {
            try
            {
                await bot.EditMessageText(chatId, messageId, text, ParseMode.Html, replyMarkup: markup, linkPreviewOptions: LinkPreviewOptions.Disabled, cancellationToken: ct);
            }
            catch (ApiRequestException ex) when (ex.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
            {
                // Same content pressed twice; nothing to change.
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 400)
            {
                logger.LogDebug(ex, "Could not edit message {MessageId} in chat {ChatId}; sending a new one", messageId, chatId);
                await bot.SendMessage(chatId, text, ParseMode.Html, replyMarkup: markup, linkPreviewOptions: LinkPreviewOptions.Disabled, cancellationToken: ct);
            }
        });

    public void Venue(long chatId, double latitude, double longitude, string title, string address) =>
        _pending.Add((bot, ct) => bot.SendVenue(chatId, latitude, longitude, title, address, cancellationToken: ct));

    /// <summary>Stops the button's spinner; a text shows as a small toast (or a dialog when <paramref name="alert"/>).</summary>
    public void AnswerCallback(string callbackQueryId, string? text = null, bool alert = false)
    {
        if (_callbackAnswered)
        {
            return;
        }

        _callbackAnswered = true;
        _pending.Add((bot, ct) => bot.AnswerCallbackQuery(callbackQueryId, text, alert, cancellationToken: ct));
    }

    public void Clear()
    {
        _pending.Clear();
        _callbackAnswered = false;
    }

    public async Task FlushAsync(ITelegramBotClient bot, CancellationToken ct)
    {
        foreach (var send in _pending)
        {
            try
            {
                await send(bot, ct);
            }
            catch (Exception ex) when (ex is ApiRequestException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "A reply could not be delivered");
            }
        }

        Clear();
    }
}
