namespace HookahLounge.Core.Promotions;

public enum PromotionKind
{
    Promo = 0,
    Event = 1,
}

/// <summary>A standing offer (happy hours) or a dated event (DJ night, tournament).</summary>
public sealed class Promotion
{
    public int Id { get; set; }

    public PromotionKind Kind { get; set; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    /// <summary>Shown to English-speaking guests; Russian when blank.</summary>
    public string? TitleEn { get; set; }

    public string? DescriptionEn { get; set; }

    public DateTime? StartsAtUtc { get; set; }

    public DateTime? EndsAtUtc { get; set; }

    public bool IsPublished { get; set; } = true;

    /// <summary>Ticks of the photo's last change (the photo's URL carries it); null without a photo.</summary>
    public long? PhotoVersion { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
