namespace HookahLounge.Core.Orders;

/// <summary>Where a guest ran into the stop-list.</summary>
public enum StopListStage
{
    /// <summary>Tapped a sold-out item or option value, or tried to put one in the cart.</summary>
    Menu = 0,

    /// <summary>Placed an order with something that had run out since it went into the cart.</summary>
    Checkout = 1,
}

/// <summary>
/// A guest wanted something that was on the stop-list: an order that met an unavailable item (or option value,
/// such as one tobacco). One row per guest, item, value and business day, so tapping it again adds nothing.
/// </summary>
public sealed class StopListMiss
{
    public int Id { get; set; }

    /// <summary>Null once the guest's record is gone; the miss still counts.</summary>
    public int? CustomerId { get; set; }

    public int? MenuItemId { get; set; }

    /// <summary>The item's name then, so the figures survive renames and deletions.</summary>
    public required string ItemName { get; set; }

    /// <summary>The sold-out option value, or null when the item itself was.</summary>
    public int? OptionValueId { get; set; }

    /// <summary>"Табак: Darkside", the value's group and name then.</summary>
    public string? OptionName { get; set; }

    public StopListStage Stage { get; set; }

    /// <summary>The lounge's business day it happened on (a night past midnight belongs to its evening).</summary>
    public DateOnly BusinessDate { get; set; }

    public DateTime AtUtc { get; set; }
}
