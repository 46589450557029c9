namespace HookahLounge.Core.Menu;

/// <summary>A choice a guest makes for an item: tobacco flavours, strength, bowl.</summary>
public sealed class MenuOptionGroup
{
    public int Id { get; set; }

    public int MenuItemId { get; set; }

    public required string Name { get; set; }

    /// <summary>Shown to English-speaking guests; Russian when blank.</summary>
    public string? NameEn { get; set; }

    public int MinSelected { get; set; }

    public int MaxSelected { get; set; } = 1;

    public int SortOrder { get; set; }

    public List<MenuOptionValue> Values { get; set; } = [];
}

public sealed class MenuOptionValue
{
    public int Id { get; set; }

    public int OptionGroupId { get; set; }

    public required string Name { get; set; }

    /// <summary>Shown to English-speaking guests; Russian when blank.</summary>
    public string? NameEn { get; set; }

    public decimal PriceDelta { get; set; }

    public bool IsAvailable { get; set; } = true;

    /// <summary>Preselected when a guest opens the item, so the usual choice costs no taps.</summary>
    public bool IsDefault { get; set; }

    public int SortOrder { get; set; }
}
