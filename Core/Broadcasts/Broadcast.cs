namespace HookahLounge.Core.Broadcasts;

public enum BroadcastStatus
{
    /// <summary>Being composed; nothing is sent.</summary>
    Draft = 0,

    /// <summary>Waiting for its time (or for a host to pick it up when "send now" was pressed).</summary>
    Scheduled = 1,

    /// <summary>Recipients fixed, messages going out.</summary>
    Sending = 2,

    Paused = 3,
    Completed = 4,
    Cancelled = 5,

    /// <summary>Its promo or event was over before it could go out (after downtime): never sent late.</summary>
    Expired = 6,
}

/// <summary>The optional button under a promo message.</summary>
public enum BroadcastButtonKind
{
    None = 0,

    /// <summary>Opens the bot's menu.</summary>
    Menu = 1,

    /// <summary>Opens the booking dialog on a date (an event's).</summary>
    Book = 2,

    /// <summary>Opens a web address (http or https only).</summary>
    Url = 3,
}

/// <summary>A promo message to a chosen audience, sent now or at a set time, at Telegram's pace.</summary>
public sealed class Broadcast
{
    public int Id { get; set; }

    /// <summary>Staff's name for it in the list ("Пятничный DJ-сет").</summary>
    public required string Title { get; set; }

    /// <summary>Telegram HTML (the subset Telegram accepts), Russian.</summary>
    public required string Text { get; set; }

    /// <summary>For guests whose language is English; Russian text when blank.</summary>
    public string? TextEn { get; set; }

    public byte[]? Photo { get; set; }

    public string? PhotoContentType { get; set; }

    /// <summary>Telegram's id of the photo once uploaded, so each later message reuses it instead of uploading again.</summary>
    public string? PhotoFileId { get; set; }

    public BroadcastButtonKind ButtonKind { get; set; }

    public string? ButtonText { get; set; }

    public string? ButtonTextEn { get; set; }

    public string? ButtonUrl { get; set; }

    /// <summary>For <see cref="BroadcastButtonKind.Book"/>: the lounge-local date the booking dialog opens on.</summary>
    public DateOnly? ButtonDate { get; set; }

    /// <summary>The promo or event it advertises; once that has ended the broadcast is not sent late.</summary>
    public int? PromotionId { get; set; }

    /// <summary>The audience (<see cref="AudienceFilter"/> as JSON).</summary>
    public required string AudienceJson { get; set; }

    public BroadcastStatus Status { get; set; }

    /// <summary>When it should go out (UTC); set by "schedule" and "send now".</summary>
    public DateTime? ScheduledAtUtc { get; set; }

    public DateTime? StartedAtUtc { get; set; }

    public DateTime? FinishedAtUtc { get; set; }

    /// <summary>Telegram asked to slow down (429): nothing of this broadcast goes out before this.</summary>
    public DateTime? PausedUntilUtc { get; set; }

    /// <summary>Recipients fixed at the start (delivery rows).</summary>
    public int Recipients { get; set; }

    public string? LastError { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public bool IsEditable => Status is BroadcastStatus.Draft or BroadcastStatus.Scheduled;

    public bool IsFinished => Status is BroadcastStatus.Completed or BroadcastStatus.Cancelled or BroadcastStatus.Expired;

    /// <summary>The text a guest of <paramref name="language"/> gets.</summary>
    public string TextFor(string? language) => language == "en" && !string.IsNullOrWhiteSpace(TextEn) ? TextEn! : Text;

    public string? ButtonTextFor(string? language) => language == "en" && !string.IsNullOrWhiteSpace(ButtonTextEn) ? ButtonTextEn : ButtonText;
}

public enum DeliveryState
{
    /// <summary>Not sent yet.</summary>
    Pending = 0,

    /// <summary>Taken by a sender (with a lease); not yet on its way.</summary>
    Claimed = 1,

    Sent = 2,

    /// <summary>Telegram refused for good (a bad request), or the SMS could not be queued.</summary>
    Failed = 3,

    /// <summary>The guest blocked the bot or the account is gone (403): marked unreachable, never tried again.</summary>
    Blocked = 4,

    /// <summary>Not sent on purpose: the guest opted out, was anonymised or became unreachable before their turn.</summary>
    Skipped = 5,

    /// <summary>The request left but no answer was recorded (the sender died): never sent again, see README.</summary>
    Unknown = 6,
}

public enum DeliveryChannel
{
    Telegram = 0,
    Sms = 1,
}

/// <summary>One recipient of one broadcast; unique per (broadcast, guest), so nobody is in it twice.</summary>
public sealed class BroadcastDelivery
{
    public long Id { get; set; }

    public int BroadcastId { get; set; }

    public int CustomerId { get; set; }

    public DeliveryChannel Channel { get; set; }

    public DeliveryState State { get; set; }

    /// <summary>Which sender holds the claim, and until when; an expired claim is taken back.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntilUtc { get; set; }

    /// <summary>Written (and committed) just before the request leaves: the line between "never sent" and "unknown".</summary>
    public DateTime? AttemptedAtUtc { get; set; }

    public DateTime? DoneAtUtc { get; set; }

    public int? TelegramMessageId { get; set; }

    /// <summary>Tries that did not reach Telegram (retried up to Broadcasts:MaxAttempts).</summary>
    public int Attempts { get; set; }

    public string? Error { get; set; }
}

/// <summary>An audience staff saved under a name, to use again.</summary>
public sealed class SavedAudience
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string AudienceJson { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
