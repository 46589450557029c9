using System.Text.Json;
using HookahLounge.Core.Orders;

namespace HookahLounge.Bot.Conversations.Ordering;

public sealed record CartLine(int ItemId, int Quantity, List<int> OptionIds);

/// <summary>The cart and the item being composed; stored as the chat session's draft.</summary>
public sealed record OrderDraft
{
    public List<CartLine> Cart { get; init; } = [];

    public int? CategoryId { get; init; }

    public int? ItemId { get; init; }

    /// <summary>Which option group of the current item is being chosen.</summary>
    public int GroupIndex { get; init; }

    public List<int> Picked { get; init; } = [];

    public OrderType? Type { get; init; }

    public int? TableNumber { get; init; }

    public int? BookingId { get; init; }

    public string? Comment { get; init; }

    public DateTime? PickupAtUtc { get; init; }

    /// <summary>Part of the idempotency key: a double tap on Confirm places one order, the next cart a new one.</summary>
    public int CartVersion { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static OrderDraft? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<OrderDraft>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
