namespace HookahLounge.Core.Menu;

/// <summary>An item's photo, kept in the database so every host serves the same picture.</summary>
public sealed class MenuPhoto
{
    public int MenuItemId { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Bytes { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
