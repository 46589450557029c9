using System.Globalization;
using System.Text.Json;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace HookahLounge.Core.Notifications;

/// <summary>A button under a staff alert: its label and the callback payload the bot will receive.</summary>
public sealed record ActionButton(string Text, string Data);

/// <summary>
/// Queues notifications as outbox rows in the caller's unit of work: they exist if and only if the change
/// they report is committed. Each has a unique key, so reporting the same event twice queues one message.
/// </summary>
public sealed class Notifier(
    LoungeDbContext db,
    IStringLocalizer<NotificationTexts> texts,
    IOptions<StaffChatOptions> staffChat,
    TimeProvider time,
    OutboxSignal signal)
{
    public const string StaffLanguage = "ru";

    /// <summary>A notification text in the given language.</summary>
    public string Text(string language, string key, params object[] args)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            return texts[key, args];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>
    /// Tells a guest: Telegram when the guest has a chat with the bot that still works, SMS when only a
    /// phone is known. With neither, the row is recorded as skipped so staff can see nobody was told.
    /// </summary>
    public async Task<OutboxMessage?> ToGuestAsync(
        Customer? customer,
        string? phone,
        string key,
        Func<string, string> text,
        NotificationKind kind = NotificationKind.Transactional,
        CancellationToken ct = default,
        Func<string, IReadOnlyList<IReadOnlyList<ActionButton>>>? buttons = null,
        Func<string, string>? smsText = null,
        string? thread = null)
    {
        if (await ExistsAsync(key, ct))
        {
            return null;
        }

        var language = customer?.Language ?? StaffLanguage;
        var message = NewMessage(key, text(language), kind);
        message.CustomerId = customer?.Id;
        var guestPhone = customer?.Phone ?? phone;
        if (customer is { TelegramChatId: { } chatId, TelegramUnreachable: false })
        {
            message.Channel = NotificationChannel.Telegram;
            message.ChatId = chatId;
            message.ThreadKey = thread;
            if (buttons?.Invoke(language) is { Count: > 0 } rows)
            {
                message.PayloadJson = JsonSerializer.Serialize(new StaffPayload(rows));
            }
        }
        else if (!string.IsNullOrWhiteSpace(guestPhone))
        {
            message.Channel = NotificationChannel.Sms;
            message.Phone = guestPhone;
            message.Text = PlainText.FromHtml(smsText?.Invoke(language) ?? message.Text);
        }
        else
        {
            message.Channel = NotificationChannel.Telegram;
            message.Status = OutboxStatus.Skipped;
            message.LastError = "The guest has neither a working Telegram chat nor a phone number.";
        }

        return Add(message);
    }

    /// <summary>Re-sends a Telegram notification by SMS after Telegram turned out to be unreachable.</summary>
    public async Task<OutboxMessage?> SmsFallbackAsync(OutboxMessage failed, string phone, CancellationToken ct = default)
    {
        var key = failed.Key + ":sms";
        if (await ExistsAsync(key, ct))
        {
            return null;
        }

        var message = NewMessage(key, PlainText.FromHtml(failed.Text), failed.Kind);
        message.CustomerId = failed.CustomerId;
        message.Channel = NotificationChannel.Sms;
        message.Phone = phone;
        return Add(message);
    }

    /// <summary>Posts to the staff group chat, with action buttons; recorded as skipped when no staff chat is configured.</summary>
    public async Task<OutboxMessage?> ToStaffAsync(string key, string text, IReadOnlyList<IReadOnlyList<ActionButton>> buttons, CancellationToken ct = default, string? thread = null)
    {
        if (await ExistsAsync(key, ct))
        {
            return null;
        }

        var message = NewMessage(key, text, NotificationKind.Transactional);
        message.Channel = NotificationChannel.Telegram;
        message.ThreadKey = thread;
        message.PayloadJson = buttons.Count == 0 ? null : JsonSerializer.Serialize(new StaffPayload(buttons));
        if (staffChat.Value.StaffChatId is { } chatId)
        {
            message.ChatId = chatId;
        }
        else
        {
            message.Status = OutboxStatus.Skipped;
            message.LastError = "Telegram:StaffChatId is not set.";
        }

        return Add(message);
    }

    public static IReadOnlyList<IReadOnlyList<ActionButton>> ButtonsOf(OutboxMessage message) =>
        message.PayloadJson is { } json ? JsonSerializer.Deserialize<StaffPayload>(json)?.Buttons ?? [] : [];

    private async Task<bool> ExistsAsync(string key, CancellationToken ct) =>
        db.Outbox.Local.Any(m => m.Key == key) || await db.Outbox.AnyAsync(m => m.Key == key, ct);

    private OutboxMessage NewMessage(string key, string text, NotificationKind kind)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new OutboxMessage
        {
            Key = key,
            Text = text,
            Kind = kind,
            Status = OutboxStatus.Pending,
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
        };
    }

    private OutboxMessage Add(OutboxMessage message)
    {
        db.Outbox.Add(message);
        signal.Pulse();
        return message;
    }

    private sealed record StaffPayload(IReadOnlyList<IReadOnlyList<ActionButton>> Buttons);
}
