namespace HookahLounge.Core.Chats;

/// <summary>
/// A webhook update Telegram has been told we have: stored before the 200, removed once handled, so a
/// crash or restart between the two resumes it instead of losing it.
/// </summary>
public sealed class InboxUpdate
{
    public long UpdateId { get; set; }

    /// <summary>The chat whose lane the update runs in (0 when it has none).</summary>
    public long ChatId { get; set; }

    /// <summary>The update as Telegram sent it (Bot API JSON).</summary>
    public required string Json { get; set; }

    public DateTime ReceivedAtUtc { get; set; }
}
