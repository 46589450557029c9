namespace HookahLounge.Core.Menu;

public sealed class MenuItem
{
    public int Id { get; set; }

    public int CategoryId { get; set; }

    public MenuCategory? Category { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>Shown to English-speaking guests; Russian when blank.</summary>
    public string? NameEn { get; set; }

    public string? DescriptionEn { get; set; }

    public decimal Price { get; set; }

    /// <summary>Free-form labels shown as chips, e.g. "хит", "новинка".</summary>
    public string? Tags { get; set; }

    /// <summary>False while the item is on the stop-list.</summary>
    public bool IsAvailable { get; set; } = true;

    public int SortOrder { get; set; }

    /// <summary>Changes with each new photo; part of the photo URL so browsers may cache it for long.</summary>
    public long? PhotoVersion { get; set; }

    public List<MenuOptionGroup> OptionGroups { get; set; } = [];
}
