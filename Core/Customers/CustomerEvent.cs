namespace HookahLounge.Core.Customers;

public enum CustomerEventKind
{
    Merged = 0,
    Exported = 1,
    Anonymised = 2,
    Blocked = 3,
    Unblocked = 4,
}

/// <summary>
/// What was done to a guest's record and by whom: merges, exports and anonymisation are recorded for the
/// guest's rights. Keeps the customer id without a foreign key, so a merged-away record's trail survives.
/// </summary>
public sealed class CustomerEvent
{
    public int Id { get; set; }

    public int CustomerId { get; set; }

    public CustomerEventKind Kind { get; set; }

    public string? Detail { get; set; }

    public required string ByName { get; set; }

    public DateTime AtUtc { get; set; }
}
