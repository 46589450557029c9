namespace HookahLounge.Core.Bookings;

/// <summary>A part of the venue: main hall, VIP room, terrace.</summary>
public sealed class Zone
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public int SortOrder { get; set; }

    public List<LoungeTable> Tables { get; set; } = [];
}

public sealed class LoungeTable
{
    public int Id { get; set; }

    public int ZoneId { get; set; }

    public Zone? Zone { get; set; }

    /// <summary>The number printed on the table and in its QR code.</summary>
    public int Number { get; set; }

    public int SeatsMin { get; set; } = 1;

    public int SeatsMax { get; set; }

    public bool IsActive { get; set; } = true;
}
