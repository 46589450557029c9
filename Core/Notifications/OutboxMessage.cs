namespace HookahLounge.Core.Notifications;

public enum OutboxStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
    Skipped = 3,
}

public enum NotificationChannel
{
    Telegram = 0,
    Sms = 1,
}

/// <summary>Transactional messages (order and booking news) go out at any hour; promos respect quiet hours.</summary>
public enum NotificationKind
{
    Transactional = 0,
    Promo = 1,

    /// <summary>Sent because an anonymous visitor asked (a booking code): may not use the SMS reserve.</summary>
    PublicRequest = 2,
}

/// <summary>
/// A notification written in the same transaction as the change it reports, delivered later by a
/// dispatcher; <see cref="Key"/> is unique so one event never becomes two messages.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public required string Key { get; set; }

    public NotificationChannel Channel { get; set; }

    public NotificationKind Kind { get; set; }

    public int? CustomerId { get; set; }

    public long? ChatId { get; set; }

    public string? Phone { get; set; }

    public required string Text { get; set; }

    /// <summary>Optional JSON with channel extras (keyboard, parse mode).</summary>
    public string? PayloadJson { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAtUtc { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// Messages with the same thread are one live message: the first one sent is edited by the later ones
    /// (an order's card for the guest, an order's or booking's post in the staff chat).
    /// </summary>
    public string? ThreadKey { get; set; }

    /// <summary>The Telegram message this row created or edited, so later rows of its thread can edit it.</summary>
    public int? TelegramMessageId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }
}
