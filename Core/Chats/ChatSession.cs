namespace HookahLounge.Core.Chats;

/// <summary>
/// Where a Telegram chat is in its dialog. The bot rebuilds its state machine from this row on every
/// update, so a restart never loses a guest's place.
/// </summary>
public sealed class ChatSession
{
    public long ChatId { get; set; }

    public int? CustomerId { get; set; }

    /// <summary>Which dialog owns the chat now, e.g. "Start".</summary>
    public required string Conversation { get; set; }

    public required string State { get; set; }

    /// <summary>The dialog's half-filled data (JSON), e.g. a booking being built.</summary>
    public string? DraftJson { get; set; }

    /// <summary>The guest's cart (JSON), kept apart from the dialog's draft so it survives leaving the order dialog.</summary>
    public string? CartJson { get; set; }

    /// <summary>Bumped on every save; a concurrency token so two writers never overwrite each other.</summary>
    public int Version { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>An update id already handled; Telegram delivers at least once.</summary>
public sealed class ProcessedUpdate
{
    public long UpdateId { get; set; }

    public DateTime ProcessedAtUtc { get; set; }
}
