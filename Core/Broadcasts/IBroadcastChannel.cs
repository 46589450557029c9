namespace HookahLounge.Core.Broadcasts;

/// <summary>One promo message to one chat, as the channel (Telegram, in Bot) needs it.</summary>
public sealed record BroadcastMessage(
    int BroadcastId,
    long ChatId,
    string Html,
    string Language,
    byte[]? Photo,
    string? PhotoContentType,
    string? PhotoFileId,
    BroadcastButtonKind ButtonKind,
    string? ButtonText,
    string? ButtonUrl,
    DateOnly? ButtonDate,
    bool Unsubscribe = true);

public enum BroadcastSendOutcome
{
    Sent,

    /// <summary>429: nothing left; the whole broadcast waits <see cref="BroadcastSendResult.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>403 or the chat is gone: the guest is unreachable.</summary>
    Blocked,

    /// <summary>Refused for good (a bad request).</summary>
    Failed,

    /// <summary>Did not reach Telegram (connection refused, 5xx): safe to try again.</summary>
    NotDelivered,

    /// <summary>Left, but no answer came (a timeout, a dropped connection): may or may not have arrived.</summary>
    Unknown,
}

public sealed record BroadcastSendResult(BroadcastSendOutcome Outcome, int? MessageId = null, string? PhotoFileId = null, TimeSpan? RetryAfter = null, string? Error = null);

/// <summary>Where promo messages go out (Telegram, implemented by the bot), at the pace of the shared rate limit.</summary>
public interface IBroadcastChannel
{
    /// <summary>False while the bot is off (no token): nothing can be sent.</summary>
    bool IsAvailable { get; }

    /// <summary>Waits for the next send slot of the bulk lane under the global rate limit (guest replies go first); the next <see cref="SendAsync"/> uses it.</summary>
    ValueTask WaitForTurnAsync(CancellationToken ct);

    /// <summary>Sends one message; never throws for a delivery problem, it reports it.</summary>
    Task<BroadcastSendResult> SendAsync(BroadcastMessage message, CancellationToken ct);
}

/// <summary>Wakes the broadcast runner (Quartz in the Site host) so "send now" and "resume" do not wait for the next poll.</summary>
public interface IBroadcastKick
{
    Task KickAsync(CancellationToken ct = default);
}

/// <summary>Used where no scheduler runs in this host: the next host that runs one picks the broadcast up.</summary>
public sealed class NoBroadcastKick : IBroadcastKick
{
    public Task KickAsync(CancellationToken ct = default) => Task.CompletedTask;
}
