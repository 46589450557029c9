using System.Globalization;
using System.Net.Http;
using HookahLounge.Bot.Conversations.Settings;
using HookahLounge.Bot.Replies;
using HookahLounge.Bot.Routing;
using HookahLounge.Bot.Texts;
using HookahLounge.Core.Broadcasts;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace HookahLounge.Bot.Broadcasts;

/// <summary>
/// Sends promo messages to Telegram through the shared rate limit's bulk lane. Its client never retries a 429
/// by itself: the broadcast as a whole waits instead.
/// </summary>
public sealed class TelegramBroadcastChannel(IHttpClientFactory http, IOptions<BotOptions> options, TelegramSendGate gate, IStringLocalizer<BotTexts> t) : IBroadcastChannel
{
    private readonly Lazy<ITelegramBotClient> _bot = new(() =>
    {
        var o = options.Value;
        return new TelegramBotClient(new TelegramBotClientOptions(o.BotToken!.Trim(), o.ApiBaseUrl.TrimEnd('/')) { RetryThreshold = 0, RetryCount = 1 }, http.CreateClient(nameof(TelegramBotClient)));
    });

    private bool _paid;

    public bool IsAvailable => options.Value.Enabled;

    public async ValueTask WaitForTurnAsync(CancellationToken ct)
    {
        await gate.WaitBulkAsync(ct);
        _paid = true;
    }

    public async Task<BroadcastSendResult> SendAsync(BroadcastMessage message, CancellationToken ct)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(message.Language == "en" ? "en" : "ru");
        TelegramSendGate.PaidFor = _paid;
        _paid = false;
        var markup = Keyboard(message);
        try
        {
            if (message.PhotoFileId is not null || message.Photo is not null)
            {
                var photo = message.PhotoFileId is { } fileId
                    ? (InputFile)InputFile.FromFileId(fileId)
                    : InputFile.FromStream(new MemoryStream(message.Photo!), message.PhotoContentType == "image/png" ? "promo.png" : "promo.jpg");
                var sent = await _bot.Value.SendPhoto(message.ChatId, photo, message.Html, ParseMode.Html, replyMarkup: markup, cancellationToken: ct);
                return new BroadcastSendResult(BroadcastSendOutcome.Sent, sent.MessageId, sent.Photo?.LastOrDefault()?.FileId);
            }

            var text = await _bot.Value.SendMessage(message.ChatId, message.Html, ParseMode.Html, replyMarkup: markup, linkPreviewOptions: LinkPreviewOptions.Disabled, cancellationToken: ct);
            return new BroadcastSendResult(BroadcastSendOutcome.Sent, text.MessageId);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            return new BroadcastSendResult(BroadcastSendOutcome.RateLimited, RetryAfter: TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 5)), Error: ex.Message);
        }
        catch (ApiRequestException ex) when (IsUnreachable(ex))
        {
            return new BroadcastSendResult(BroadcastSendOutcome.Blocked, Error: ex.Message);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode >= 500)
        {
            return new BroadcastSendResult(BroadcastSendOutcome.NotDelivered, Error: ex.Message);
        }
        catch (ApiRequestException ex)
        {
            return new BroadcastSendResult(BroadcastSendOutcome.Failed, Error: ex.Message);
        }
        catch (Exception ex) when (NeverLeft(ex))
        {
            return new BroadcastSendResult(BroadcastSendOutcome.NotDelivered, Error: ex.Message);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException or TaskCanceledException or IOException)
        {
            return new BroadcastSendResult(BroadcastSendOutcome.Unknown, Error: ex.Message);
        }
    }

    /// <summary>The promo's own button (if any) and always "unsubscribe".</summary>
    private InlineKeyboardMarkup Keyboard(BroadcastMessage message)
    {
        var rows = new List<InlineKeyboardButton[]>();
        var label = message.ButtonText ?? "";
        switch (message.ButtonKind)
        {
            case BroadcastButtonKind.Menu:
                rows.Add([InlineKeyboardButton.WithCallbackData(label, new CallbackData(SettingsConversation.NewsArea, "menu").ToString())]);
                break;
            case BroadcastButtonKind.Book:
                var date = message.ButtonDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                rows.Add([InlineKeyboardButton.WithCallbackData(label, new CallbackData(SettingsConversation.NewsArea, "book", date).ToString())]);
                break;
            case BroadcastButtonKind.Url when message.ButtonUrl is { } url:
                rows.Add([InlineKeyboardButton.WithUrl(label, url)]);
                break;
        }

        if (message.Unsubscribe)
        {
            rows.Add([InlineKeyboardButton.WithCallbackData(t["Btn.Unsubscribe"], new CallbackData(SettingsConversation.NewsArea, "stop", message.BroadcastId.ToString(CultureInfo.InvariantCulture)).ToString())]);
        }

        return new InlineKeyboardMarkup(rows);
    }

    /// <summary>The connection was never made, so Telegram cannot have the message.</summary>
    private static bool NeverLeft(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnreachable(ApiRequestException ex) =>
        ex.ErrorCode == 403
        || (ex.ErrorCode == 400 && (ex.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase)
                                    || ex.Message.Contains("user not found", StringComparison.OrdinalIgnoreCase)
                                    || ex.Message.Contains("PEER_ID_INVALID", StringComparison.OrdinalIgnoreCase)));
}
