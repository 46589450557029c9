using System.ComponentModel.DataAnnotations;

namespace HookahLounge.Bot;

/// <summary>Section "Telegram". No token means no bot: the site and admin still run.</summary>
public sealed class BotOptions
{
    public const string Section = "Telegram";

    /// <summary>From @BotFather, "123456:ABC-DEF...". Keep it in user secrets or the environment, never in the repo.</summary>
    public string? BotToken { get; set; }

    /// <summary>Telegram's Bot API, a self-hosted Bot API server, or a local fake in tests.</summary>
    [Required, Url]
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>Public HTTPS address Telegram posts updates to; empty means long polling.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token; required in webhook mode.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Staff group chat for new orders and bookings.</summary>
    public long? StaffChatId { get; set; }

    [Range(0, 50)]
    public int PollingTimeoutSeconds { get; set; } = 25;

    /// <summary>Handled update ids are kept this long for de-duplication.</summary>
    [Range(1, 90)]
    public int ProcessedUpdateRetentionDays { get; set; } = 7;

    /// <summary>A cart the guest left unfinished is kept this long after its last change.</summary>
    [Range(24, 720)]
    public int CartLifetimeHours { get; set; } = 48;

    /// <summary>
    /// Messages per second the bot sends to Telegram in all (replies, notifications, broadcasts), under Telegram's
    /// ~30 per second per bot: one budget for all hosts on PostgreSQL, so give every host the same value; 0 turns the
    /// limit off.
    /// </summary>
    [Range(0, 1000)]
    public double MessagesPerSecond { get; set; } = 25;

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    public bool UseWebhook => !string.IsNullOrWhiteSpace(WebhookUrl);

    /// <summary>The local path of <see cref="WebhookUrl"/>, which is where the endpoint listens.</summary>
    public string WebhookPath => UseWebhook && Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) ? uri.AbsolutePath : "/telegram/webhook";
}
