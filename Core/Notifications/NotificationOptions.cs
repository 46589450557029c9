using System.ComponentModel.DataAnnotations;

namespace HookahLounge.Core.Notifications;

/// <summary>Section "Notifications": how the outbox is drained.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>How often the dispatcher looks for due messages when nothing wakes it.</summary>
    [Range(0.05, 60)]
    public double PollIntervalSeconds { get; set; } = 2;

    /// <summary>Transient failures are retried with growing pauses up to this many attempts.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First pause after a transient failure; it doubles on each further one.</summary>
    [Range(1, 3600)]
    public int FirstRetrySeconds { get; set; } = 10;

    /// <summary>Run the dispatcher in this process; turn off on hosts that should only serve pages.</summary>
    public bool DispatcherEnabled { get; set; } = true;
}

/// <summary>The staff group chat for new orders and bookings; key <c>Telegram:StaffChatId</c>.</summary>
public sealed class StaffChatOptions
{
    public long? StaffChatId { get; set; }
}

/// <summary>Section "Sms": SMSC.RU delivery for guests without Telegram.</summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

    [Required, Url]
    public string SmscBaseUrl { get; set; } = "https://smsc.ru";

    public string? Login { get; set; }

    public string? Password { get; set; }

    /// <summary>Alternative to login and password.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Registered sender name; empty uses the account default.</summary>
    public string? Sender { get; set; }

    /// <summary>At most this many SMS a day (lounge time); beyond it SMS are skipped, not sent.</summary>
    [Range(0, 100_000)]
    public int DailyLimit { get; set; } = 300;

    /// <summary>Promo SMS wait until the quiet hours end; transactional ones go out.</summary>
    /// <summary>
    /// Of the daily limit, this many SMS are kept for reminders and confirmations: SMS that anonymous
    /// visitors trigger (booking codes) stop once only the reserve is left.
    /// </summary>
    [Range(0, 100_000)]
    public int ReservedForTransactional { get; set; } = 50;

    public TimeSpan QuietHoursStart { get; set; } = TimeSpan.FromHours(22);

    public TimeSpan QuietHoursEnd { get; set; } = TimeSpan.FromHours(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(ApiKey) || (!string.IsNullOrWhiteSpace(Login) && !string.IsNullOrWhiteSpace(Password));
}
