namespace HookahLounge.Core;

public enum ActorKind
{
    Guest,
    Staff,
    System,
}

/// <summary>Who asks for a change: lifecycle rules depend on it, and every recorded change names it.</summary>
public sealed record Actor(ActorKind Kind, int? StaffUserId = null, int? CustomerId = null, string? Name = null, bool HoldsBookingLink = false)
{
    /// <summary>A guest who opened the booking's private link (site bookings without a Telegram account).</summary>
    public static readonly Actor BookingHolder = new(ActorKind.Guest, Name: "guest (link)", HoldsBookingLink: true);

    public static Actor Guest(int customerId) => new(ActorKind.Guest, CustomerId: customerId);

    public static Actor Staff(int staffUserId, string name) => new(ActorKind.Staff, StaffUserId: staffUserId, Name: name);

    public static readonly Actor System = new(ActorKind.System, Name: "system");
}
