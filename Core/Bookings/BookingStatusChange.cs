namespace HookahLounge.Core.Bookings;

/// <summary>One step of a booking's life: who moved it, when, and why.</summary>
public sealed class BookingStatusChange
{
    public long Id { get; set; }

    public int BookingId { get; set; }

    public BookingStatus From { get; set; }

    public BookingStatus To { get; set; }

    public ActorKind ByKind { get; set; }

    public int? ByStaffUserId { get; set; }

    public string? ByName { get; set; }

    public string? Reason { get; set; }

    public DateTime AtUtc { get; set; }
}
