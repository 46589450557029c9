using HookahLounge.Core.Bookings;

namespace HookahLounge.Core.Visits;

/// <summary>A guest sitting at a table, opened by scanning the table's QR code; later orders join it.</summary>
public sealed class Visit
{
    public int Id { get; set; }

    public int CustomerId { get; set; }

    public int TableId { get; set; }

    public LoungeTable? Table { get; set; }

    public DateTime OpenedAtUtc { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    public bool IsOpen => ClosedAtUtc is null;
}

public enum ServiceCallKind
{
    ChangeCoals = 0,
    HookahMaster = 1,
    Waiter = 2,
    Bill = 3,
}

public enum ServiceCallStatus
{
    New = 0,
    Accepted = 1,
    Done = 2,
}

public enum PaymentMethod
{
    Card = 0,
    Cash = 1,
}

/// <summary>A one-tap request from the table: coals, the hookah master, a waiter, the bill.</summary>
public sealed class ServiceCall
{
    public int Id { get; set; }

    public int VisitId { get; set; }

    public Visit? Visit { get; set; }

    public ServiceCallKind Kind { get; set; }

    public PaymentMethod? PaymentMethod { get; set; }

    public ServiceCallStatus Status { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? AcceptedAtUtc { get; set; }

    public DateTime? DoneAtUtc { get; set; }

    public string? AcceptedBy { get; set; }

    /// <summary>How long staff took to react; the lounge's service metric.</summary>
    public TimeSpan? TimeToAccept => AcceptedAtUtc - CreatedAtUtc;
}
