using System.Text.Json;

namespace HookahLounge.Bot.Conversations.Booking;

/// <summary>What the guest has chosen so far; stored as the chat session's draft between updates.</summary>
public sealed record BookingDraft
{
    public DateOnly? Date { get; init; }

    public int? Party { get; init; }

    public int Duration { get; init; }

    public TimeOnly? Time { get; init; }

    /// <summary>Null for "any table".</summary>
    public int? ZoneId { get; init; }

    /// <summary>Set when the dialog moves an existing booking instead of making a new one.</summary>
    public int? MoveBookingId { get; init; }

    public string? MoveBookingCode { get; init; }

    /// <summary>Set once the guest has chosen where to sit, so a time picked again after a clash goes straight to confirming.</summary>
    public bool PlaceChosen { get; init; }

    /// <summary>After a clash: the nearest free times (local), the only ones offered until the guest picks one.</summary>
    public List<DateTime>? Alternatives { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static BookingDraft? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<BookingDraft>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
