using HookahLounge.Core.Customers;
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
public sealed class BotReplies(ILogger<BotReplies> logger, TimeProvider time, CustomerDirectory customers)
{
    private readonly List<(long? ChatId, Func<ITelegramBotClient, CancellationToken, Task> Send)> _pending = [];
    private bool _callbackAnswered;

    public int Count => _pending.Count;

    public void Send(long chatId, string text, ReplyMarkup? markup = null) =>
        Add(chatId, (bot, ct) => bot.SendMessage(chatId, text, ParseMode.Html, replyMarkup: markup, linkPreviewOptions: LinkPreviewOptions.Disabled, cancellationToken: ct));

    /// <summary>Replaces a message's text and buttons; falls back to a new message when it cannot be edited.</summary>
    public void Edit(long chatId, int messageId, string text, InlineKeyboardMarkup? markup = null) =>
        Add(chatId, async (bot, ct) =>
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
        Add(chatId, (bot, ct) => bot.SendVenue(chatId, latitude, longitude, title, address, cancellationToken: ct));

    /// <summary>Stops the button's spinner; a text shows as a small toast (or a dialog when <paramref name="alert"/>).</summary>
    public void AnswerCallback(string callbackQueryId, string? text = null, bool alert = false)
    {
        if (_callbackAnswered)
        {
            return;
        }

        _callbackAnswered = true;
        Add(null, (bot, ct) => bot.AnswerCallbackQuery(callbackQueryId, text, alert, cancellationToken: ct));
    }

    private void Add(long? chatId, Func<ITelegramBotClient, CancellationToken, Task> send) => _pending.Add((chatId, send));

    /// <summary>Takes the unsent replies out, to be sent from another unit of work (see <see cref="Adopt"/>).</summary>
    public OwedReplies Detach()
    {
        var owed = new OwedReplies([.. _pending]);
        Clear();
        return owed;
    }

    /// <summary>Queues replies detached from an earlier attempt at the same update, after whatever is queued here.</summary>
    public void Adopt(OwedReplies owed) => _pending.AddRange(owed.Sends);

    public void Clear()
    {
        _pending.Clear();
        _callbackAnswered = false;
    }

    /// <summary>
    /// Sends the replies in order. A transient failure (5xx, 429, a dropped connection, a timeout) is tried
    /// again with backoff before the next reply goes, so the guest sees them in order; a blocked bot marks the
    /// guest unreachable and drops the rest. Never throws for a delivery problem: the update is already committed.
    /// </summary>
    public async Task FlushAsync(ITelegramBotClient bot, CancellationToken ct)
    {
        try
        {
            foreach (var (chatId, send) in _pending)
            {
                if (!await DeliverAsync(bot, chatId, send, ct))
                {
                    break;
                }
            }
        }
        finally
        {
            Clear();
        }
    }

    /// <summary>False when the chat can no longer be written to.</summary>
    private async Task<bool> DeliverAsync(ITelegramBotClient bot, long? chatId, Func<ITelegramBotClient, CancellationToken, Task> send, CancellationToken ct)
    {
        var backoff = FirstBackoff;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan pause;
            try
            {
                await send(bot, ct);
                return true;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (ApiRequestException ex) when (IsUnreachable(ex))
            {
                logger.LogInformation("Chat {ChatId} cannot be written to ({Error}); the guest is marked unreachable", chatId, ex.Message);
                if (chatId is { } id)
                {
                    await customers.MarkTelegramUnreachableAsync(id, ct);
                }

                return false;
            }
            catch (Exception ex) when (IsTransient(ex) && attempt < MaxAttempts)
            {
                pause = ex is ApiRequestException { Parameters.RetryAfter: { } seconds } ? TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryAfterSeconds)) : backoff;
                logger.LogWarning(ex, "A reply to chat {ChatId} failed (attempt {Attempt}); trying again in {Seconds} s", chatId, attempt, pause.TotalSeconds);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A reply to chat {ChatId} could not be delivered after {Attempt} attempt(s)", chatId, attempt);
                return true;
            }

            await Task.Delay(pause, time, ct);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(8);
    private const int MaxAttempts = 10;
    private const int MaxRetryAfterSeconds = 60;

    /// <summary>Worth another try: Telegram's side failed, asked us to slow down, or the connection did.</summary>
    private static bool IsTransient(Exception ex) => ex switch
    {
        ApiRequestException api => api.ErrorCode is 429 or >= 500,
        RequestException or HttpRequestException or TimeoutException or TaskCanceledException or IOException => true,
        _ => false,
    };

    /// <summary>403 (blocked, deactivated, kicked) or a chat Telegram no longer knows.</summary>
    private static bool IsUnreachable(ApiRequestException ex) =>
        ex.ErrorCode == 403
        || (ex.ErrorCode == 400 && (ex.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase)
                                    || ex.Message.Contains("user not found", StringComparison.OrdinalIgnoreCase)));
}

/// <summary>Replies of an update whose commit was sent but not confirmed: owed to the guest if the commit went through.</summary>
public sealed record OwedReplies(IReadOnlyList<(long? ChatId, Func<ITelegramBotClient, CancellationToken, Task> Send)> Sends);
