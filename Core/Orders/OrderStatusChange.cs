namespace HookahLounge.Core.Orders;

/// <summary>One step of an order's life: who moved it, when, and why.</summary>
public sealed class OrderStatusChange
{
    public long Id { get; set; }

    public int OrderId { get; set; }

    public OrderStatus From { get; set; }

    public OrderStatus To { get; set; }

    public ActorKind ByKind { get; set; }

    public int? ByStaffUserId { get; set; }

    public string? ByName { get; set; }

    public string? Reason { get; set; }

    public DateTime AtUtc { get; set; }
}
