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

    /// <summary>
    /// Archived items are gone from the bot and the site and cannot be ordered; placed orders keep their lines.
    /// An item that orders refer to is archived instead of deleted.
    /// </summary>
    public bool IsArchived { get; set; }

    /// <summary>Changes with each new photo; part of the photo URL so browsers may cache it for long.</summary>
    public long? PhotoVersion { get; set; }

    /// <summary>The shared option groups this item offers (see <see cref="MenuOptionGroup"/>).</summary>
    public List<MenuOptionGroup> OptionGroups { get; set; } = [];
}
