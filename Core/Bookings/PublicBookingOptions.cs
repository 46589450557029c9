using System.ComponentModel.DataAnnotations;

namespace HookahLounge.Core.Bookings;

/// <summary>How a site booking proves it is real before it costs the lounge a staff message or an SMS.</summary>
public enum SiteBookingVerification
{
    /// <summary>Staff confirm it (staff-chat buttons or the back office); the guest gets no SMS before that.</summary>
    Staff = 0,

    /// <summary>The guest types a one-time code sent by SMS to the phone they gave; staff hear of it only then.</summary>
    Sms = 1,

    /// <summary>
    /// The guest opens the bot from the booking's page (a one-time <c>t.me</c> link) and confirms there, which also
    /// joins the phone to their Telegram record; staff hear of it only then.
    /// </summary>
    Bot = 2,
}

/// <summary>Section "PublicBookings": limits on anonymous bookings from the website.</summary>
public sealed class PublicBookingOptions
{
    public const string Section = "PublicBookings";

    /// <summary>Site bookings per phone number per business day.</summary>
    [Range(1, 1000)]
    public int PerPhonePerDay { get; set; } = 3;

    /// <summary>Site bookings per client IP per business day.</summary>
    [Range(1, 10_000)]
    public int PerIpPerDay { get; set; } = 10;

    public SiteBookingVerification Verification { get; set; } = SiteBookingVerification.Staff;

    /// <summary>Wrong codes before a booking's code stops being accepted.</summary>
    [Range(1, 20)]
    public int MaxCodeAttempts { get; set; } = 5;

    /// <summary>With SMS or bot verification: a booking not confirmed within this time gives its table back (the link expires).</summary>
    [Range(1, 24 * 60)]
    public int CodeValidMinutes { get; set; } = 20;
}
