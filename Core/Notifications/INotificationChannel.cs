namespace HookahLounge.Core.Notifications;

public enum DeliveryStatus
{
    Sent,

    /// <summary>Try again later (network, server error, rate limit).</summary>
    Retry,

    /// <summary>Will never work (bad number, bad credentials, forbidden text): do not retry.</summary>
    Failed,

    /// <summary>The recipient cannot be reached on this channel at all (bot blocked, chat gone).</summary>
    Unreachable,

    /// <summary>Deliberately not sent (channel switched off, daily cap); recorded, never faked as sent.</summary>
    Skipped,
}

/// <summary>What a channel made of one message.</summary>
public sealed record DeliveryResult(DeliveryStatus Status, string? Error = null, TimeSpan? RetryAfter = null, bool CountsAsAttempt = true)
{
    public static readonly DeliveryResult Sent = new(DeliveryStatus.Sent);

    /// <summary>The id of the Telegram message sent or edited, for threads of live messages.</summary>
    public int? TelegramMessageId { get; init; }

    public static DeliveryResult SentAs(int telegramMessageId) => new(DeliveryStatus.Sent) { TelegramMessageId = telegramMessageId };

    public static DeliveryResult Retry(string error, TimeSpan? after = null) => new(DeliveryStatus.Retry, error, after);

    /// <summary>Not now, and not a failure either (quiet hours): wait without using up an attempt.</summary>
    public static DeliveryResult Defer(string reason, TimeSpan until) => new(DeliveryStatus.Retry, reason, until, CountsAsAttempt: false);

    public static DeliveryResult Failed(string error) => new(DeliveryStatus.Failed, error);

    public static DeliveryResult Unreachable(string error) => new(DeliveryStatus.Unreachable, error);

    public static DeliveryResult Skipped(string reason) => new(DeliveryStatus.Skipped, reason);
}

/// <summary>A way to reach people: Telegram (in Bot) or SMS (SMSC.RU).</summary>
public interface INotificationChannel
{
    NotificationChannel Channel { get; }

    /// <summary>Delivers one message. Must not throw for delivery problems: it reports them.</summary>
    Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct);
}
