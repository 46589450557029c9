using HookahLounge.Core.Customers;

namespace HookahLounge.Core.Bookings;

public enum BookingStatus
{
    New = 0,
    Confirmed = 1,
    Seated = 2,
    Completed = 3,
    Cancelled = 4,
    NoShow = 5,
}

public enum BookingSource
{
    Site = 0,
    Bot = 1,
    Admin = 2,
    Phone = 3,
}

public sealed class Booking
{
    /// <summary>The longest comment a booking keeps; longer ones are refused with a message, never cut.</summary>
    public const int CommentMaxLength = 1000;

    public int Id { get; set; }

    /// <summary>Short code the guest quotes on the phone or uses to view the booking.</summary>
    public required string Code { get; set; }

    public int? CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public required string GuestName { get; set; }

    public string? GuestPhone { get; set; }

    public int PartySize { get; set; }

    public DateTime StartUtc { get; set; }

    public DateTime EndUtc { get; set; }

    public int? TableId { get; set; }

    public LoungeTable? Table { get; set; }

    public BookingStatus Status { get; set; }

    public BookingSource Source { get; set; }

    public string? Comment { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>Secret part of the guest's view/cancel link, so booking codes cannot be guessed into.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>When the guest agreed to personal data processing (site bookings).</summary>
    public DateTime? ConsentAtUtc { get; set; }

    public DateTime? ReminderSentAtUtc { get; set; }

    /// <summary>The guest answered the reminder "Да, буду"; shown to staff.</summary>
    public DateTime? AttendanceConfirmedAtUtc { get; set; }

    /// <summary>The guest said they are running late.</summary>
    public DateTime? RunningLateAtUtc { get; set; }

    /// <summary>How late the guest said they would be; the table is held at least this long after the start.</summary>
    public int? LateMinutes { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>A site booking nobody has vouched for yet (by a one-time code or a staff confirmation).</summary>
    public bool AwaitingVerification { get; set; }

    /// <summary>Where a site booking came from, for the per-IP daily limit.</summary>
    public string? ClientIp { get; set; }

    /// <summary>SHA-256 of the one-time code sent to the guest (SMS verification).</summary>
    public string? VerificationCodeHash { get; set; }

    public int VerificationAttempts { get; set; }

    /// <summary>
    /// SHA-256 of the one-time token in the "confirm in Telegram" link (bot verification); cleared when used.
    /// The token itself is derived from <see cref="AccessToken"/> and never stored.
    /// </summary>
    public string? TelegramTokenHash { get; set; }

    /// <summary>Bumped on every change; two people changing one booking at once cannot both win.</summary>
    public int Version { get; set; }

    /// <summary>Statuses in which the booking holds its table.</summary>
    public static readonly BookingStatus[] Holding = [BookingStatus.New, BookingStatus.Confirmed, BookingStatus.Seated];

    public bool HoldsTable => Holding.Contains(Status);
}
