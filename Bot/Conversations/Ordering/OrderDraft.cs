using System.Text.Json;
using HookahLounge.Core.Orders;

namespace HookahLounge.Bot.Conversations.Ordering;

/// <summary>
/// The order dialog's draft: what the guest is looking at and composing, and where the order goes. The cart
/// itself is kept apart (<see cref="CartKeeper"/>) so it outlives the dialog.
/// </summary>
public sealed record OrderDraft
{
    /// <summary>A starting draft that opens the dialog at the cart (the main menu's cart button, "repeat last order").</summary>
    public static readonly string AtCart = new OrderDraft { StartAtCart = true }.ToJson();

    public bool StartAtCart { get; init; }

    public int? CategoryId { get; init; }

    public int? ItemId { get; init; }

    /// <summary>The option group being changed on the item's card.</summary>
    public int? GroupId { get; init; }

    /// <summary>The option values picked for the item so far (its defaults to begin with).</summary>
    public List<int> Picks { get; init; } = [];

    public int Quantity { get; init; } = 1;

    public OrderType? Type { get; init; }

    public int? TableNumber { get; init; }

    public int? BookingId { get; init; }

    public DateTime? PickupAtUtc { get; init; }

    public string? Comment { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static OrderDraft FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new OrderDraft();
        }

        try
        {
            return JsonSerializer.Deserialize<OrderDraft>(json) ?? new OrderDraft();
        }
        catch (JsonException)
        {
            return new OrderDraft();
        }
    }
}
