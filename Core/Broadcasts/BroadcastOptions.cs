using System.ComponentModel.DataAnnotations;

namespace HookahLounge.Core.Broadcasts;

/// <summary>Section "Broadcasts".</summary>
public sealed class BroadcastOptions
{
    public const string Section = "Broadcasts";

    /// <summary>Deliveries a sender claims at once (they are sent one by one at the rate limit).</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claim lasts; a sender that died is taken over after this (PostgreSQL, several hosts).</summary>
    [Range(2, 600)]
    public int ClaimLeaseSeconds { get; set; } = 30;

    /// <summary>Attempts for a message that did not reach Telegram (connection refused, 5xx) before it counts as failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Assumed pace for the ETA before any message went out (the real limit is Telegram:MessagesPerSecond).</summary>
    [Range(1, 1000)]
    public double ExpectedMessagesPerSecond { get; set; } = 25;
}
