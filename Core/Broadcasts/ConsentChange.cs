namespace HookahLounge.Core.Broadcasts;

/// <summary>Where a guest gave or withdrew consent to promos.</summary>
public enum ConsentSource
{
    /// <summary>The one-time question after the first order or booking.</summary>
    BotQuestion = 0,
    BotSettings = 1,
    BotStopCommand = 2,

    /// <summary>The "unsubscribe" button under a promo message.</summary>
    PromoButton = 3,
    SiteBookingForm = 4,
    Staff = 5,
}

public enum ConsentChannel
{
    Telegram = 0,
    Sms = 1,
}

/// <summary>One change of a guest's consent to promos, kept as proof of when and how it was given or withdrawn.</summary>
public sealed class ConsentChange
{
    public long Id { get; set; }

    public int CustomerId { get; set; }

    public Customers.Customer? Customer { get; set; }

    public ConsentChannel Channel { get; set; }

    public bool Granted { get; set; }

    public ConsentSource Source { get; set; }

    public DateTime AtUtc { get; set; }
}
