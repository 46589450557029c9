namespace HookahLounge.Core.Menu;

public sealed class MenuCategory
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Shown to English-speaking guests; Russian when blank.</summary>
    public string? NameEn { get; set; }

    /// <summary>URL-safe anchor, e.g. "hookahs".</summary>
    public required string Slug { get; set; }

    public int SortOrder { get; set; }

    public bool IsVisible { get; set; } = true;

    /// <summary>An archived section and its items are gone from the bot and the site; kept because orders refer to its items.</summary>
    public bool IsArchived { get; set; }

    public List<MenuItem> Items { get; set; } = [];
}
