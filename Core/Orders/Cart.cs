using System.Text.Json;

namespace HookahLounge.Core.Orders;

/// <summary>One line of a cart as the guest composed it.</summary>
public sealed record CartLine(int ItemId, int Quantity, List<int> OptionIds);

/// <summary>
/// A guest's cart. Its <see cref="Id"/> is made when the cart starts and is the idempotency key of the order
/// placed from it: a double tap on "confirm" places one order, the next cart is a new one.
/// </summary>
public sealed record Cart
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public List<CartLine> Lines { get; init; } = [];

    public DateTime UpdatedAtUtc { get; init; }

    public int ItemCount => Lines.Sum(l => l.Quantity);

    public bool IsEmpty => Lines.Count == 0;

    public string IdempotencyKey => $"cart:{Id:N}";

    /// <summary>Adds a line, or adds to the same item with the same options.</summary>
    public Cart Add(CartLine line, DateTime nowUtc)
    {
        var lines = Lines.ToList();
        var same = lines.FindIndex(l => l.ItemId == line.ItemId && l.OptionIds.Order().SequenceEqual(line.OptionIds.Order()));
        if (same >= 0)
        {
            lines[same] = lines[same] with { Quantity = Math.Min(OrderService.MaxQuantity, lines[same].Quantity + line.Quantity) };
        }
        else
        {
            lines.Add(line with { OptionIds = [.. line.OptionIds.Order()] });
        }

        return this with { Lines = lines, UpdatedAtUtc = nowUtc };
    }

    /// <summary>Changes one line's quantity by <paramref name="delta"/>; a line at zero goes away.</summary>
    public Cart Change(int index, int delta, DateTime nowUtc)
    {
        if (index < 0 || index >= Lines.Count)
        {
            return this;
        }

        var lines = Lines.ToList();
        var quantity = Math.Min(OrderService.MaxQuantity, lines[index].Quantity + delta);
        if (quantity <= 0)
        {
            lines.RemoveAt(index);
        }
        else
        {
            lines[index] = lines[index] with { Quantity = quantity };
        }

        return this with { Lines = lines, UpdatedAtUtc = nowUtc };
    }

    public Cart Cleared(DateTime nowUtc) => this with { Lines = [], UpdatedAtUtc = nowUtc };

    /// <summary>A new cart with these lines (e.g. "repeat last order"): a new id, so it becomes a new order.</summary>
    public static Cart Of(IEnumerable<CartLine> lines, DateTime nowUtc) => new() { Lines = [.. lines], UpdatedAtUtc = nowUtc };

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>The stored cart, or a new empty one when there is none, it cannot be read, or it is older than <paramref name="lifetime"/>.</summary>
    public static Cart Read(string? json, DateTime nowUtc, TimeSpan lifetime)
    {
        if (!string.IsNullOrWhiteSpace(json))
        {
            try
            {
                if (JsonSerializer.Deserialize<Cart>(json) is { } cart && cart.UpdatedAtUtc + lifetime > nowUtc && cart.Lines.All(l => l.Quantity > 0))
                {
                    return cart;
                }
            }
            catch (JsonException)
            {
                // A cart from an older version: start a new one.
            }
        }

        return new Cart { UpdatedAtUtc = nowUtc };
    }
}
