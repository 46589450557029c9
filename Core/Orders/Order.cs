using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;

namespace HookahLounge.Core.Orders;

public enum OrderStatus
{
    New = 0,
    Accepted = 1,
    Preparing = 2,
    Ready = 3,
    Completed = 4,
    Declined = 5,
    Cancelled = 6,
}

public enum OrderType
{
    AtTable = 0,
    ToBooking = 1,
    Pickup = 2,
}

public sealed class Order
{
    public int Id { get; set; }

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public OrderStatus Status { get; set; }

    public OrderType Type { get; set; }

    public int? TableId { get; set; }

    public LoungeTable? Table { get; set; }

    public int? BookingId { get; set; }

    /// <summary>The table visit this order belongs to (orders made after scanning the table's QR).</summary>
    public int? VisitId { get; set; }

    public Booking? Booking { get; set; }

    public string? Comment { get; set; }

    /// <summary>When a takeaway order is to be picked up.</summary>
    public DateTime? PickupAtUtc { get; set; }

    /// <summary>Sum of the line snapshots at the moment the order was placed.</summary>
    public decimal Total { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Set by the client that placed the order; a second request with the same key returns this order.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Bumped on every status change; two people moving one order at once cannot both win.</summary>
    public int Version { get; set; }

    public List<OrderLine> Lines { get; set; } = [];
}

/// <summary>A line keeps its own name and price so later menu edits never change a placed order.</summary>
public sealed class OrderLine
{
    public int Id { get; set; }

    public int OrderId { get; set; }

    public int? MenuItemId { get; set; }

    public required string ItemName { get; set; }

    /// <summary>Chosen options as shown to the guest, e.g. "Darkside: манго, мята; крепкий".</summary>
    public string? OptionsSummary { get; set; }

    /// <summary>The chosen option value ids ("12,15,31"), so the line can be ordered again in one tap.</summary>
    public string? OptionValueIds { get; set; }

    public decimal UnitPrice { get; set; }

    public int Quantity { get; set; }
}
