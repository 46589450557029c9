using HookahLounge.Core.Notifications;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace HookahLounge.Bot.Notifications;

/// <summary>
/// Delivers outbox messages to Telegram chats. Rate limits come back as a retry after Telegram's
/// <c>retry_after</c>; a blocked bot, a deactivated user or a vanished chat mean the guest is unreachable here.
/// </summary>
public sealed class TelegramNotificationChannel(ITelegramBotClient bot, Microsoft.Extensions.Options.IOptions<BotOptions> options) : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.Telegram;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        if (!options.Value.Enabled)
        {
            return DeliveryResult.Skipped("The Telegram bot is off (Telegram:BotToken is not set).");
        }

        if (message.ChatId is not { } chatId)
        {
            return DeliveryResult.Failed("No chat to send to.");
        }

        var buttons = Notifier.ButtonsOf(message);
        var markup = buttons.Count == 0
            ? null
            : new InlineKeyboardMarkup(buttons.Select(row => row.Select(b => InlineKeyboardButton.WithCallbackData(b.Text, b.Data))));
        try
        {
            if (message.TelegramMessageId is { } live)
            {
                try
                {
                    var edited = await bot.EditMessageText(chatId, live, message.Text, ParseMode.Html, replyMarkup: markup, linkPreviewOptions: LinkPreviewOptions.Disabled, cancellationToken: ct);
                    return DeliveryResult.SentAs(edited.MessageId);
                }
                catch (ApiRequestException ex) when (ex.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
                {
                    return DeliveryResult.SentAs(live);
                }
                catch (ApiRequestException ex) when (ex.ErrorCode == 400 && !IsUnreachable(ex))
                {
                    // The live message is gone or too old to edit: post the current state as a new one.
                }
            }

            var sent = await bot.SendMessage(chatId, message.Text, ParseMode.Html, replyMarkup: markup, linkPreviewOptions: LinkPreviewOptions.Disabled, cancellationToken: ct);
            return DeliveryResult.SentAs(sent.MessageId);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            return DeliveryResult.Retry(ex.Message, TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 5)));
        }
        catch (ApiRequestException ex) when (IsUnreachable(ex))
        {
            return DeliveryResult.Unreachable(ex.Message);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode is >= 400 and < 500)
        {
            return DeliveryResult.Failed(ex.Message);
        }
        catch (Exception ex) when (ex is ApiRequestException or RequestException or HttpRequestException or TaskCanceledException)
        {
            return DeliveryResult.Retry(ex.Message);
        }
    }

    /// <summary>403 (blocked, deactivated, kicked) or a chat Telegram no longer knows.</summary>
    private static bool IsUnreachable(ApiRequestException ex) =>
        ex.ErrorCode == 403
        || (ex.ErrorCode == 400 && (ex.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase)
                                    || ex.Message.Contains("user not found", StringComparison.OrdinalIgnoreCase)
                                    || ex.Message.Contains("PEER_ID_INVALID", StringComparison.OrdinalIgnoreCase)));
}
