namespace HookahLounge.Core.Menu;

/// <summary>
/// A choice a guest makes for an item: tobacco, flavours, strength, bowl. Defined once in the option library and
/// attached to any number of items, so the tobacco list is edited (and stop-listed) in one place for every hookah.
/// </summary>
public sealed class MenuOptionGroup
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Shown to English-speaking guests; Russian when blank.</summary>
    public string? NameEn { get; set; }

    public int MinSelected { get; set; }

    public int MaxSelected { get; set; } = 1;

    /// <summary>Place in the library; an item shows its groups in this order.</summary>
    public int SortOrder { get; set; }

    public List<MenuOptionValue> Values { get; set; } = [];

    /// <summary>The items that offer this choice.</summary>
    public List<MenuItem> Items { get; set; } = [];
}

/// <summary>An item offers a shared option group.</summary>
public sealed class MenuItemOptionGroup
{
    public int MenuItemId { get; set; }

    public int OptionGroupId { get; set; }
}

public sealed class MenuOptionValue
{
    public int Id { get; set; }

    public int OptionGroupId { get; set; }

    public required string Name { get; set; }

    /// <summary>Shown to English-speaking guests; Russian when blank.</summary>
    public string? NameEn { get; set; }

    public decimal PriceDelta { get; set; }

    /// <summary>False while the value is on the stop-list; as the group is shared, it is then sold out on every item.</summary>
    public bool IsAvailable { get; set; } = true;

    /// <summary>Preselected when a guest opens the item, so the usual choice costs no taps.</summary>
    public bool IsDefault { get; set; }

    public int SortOrder { get; set; }
}
