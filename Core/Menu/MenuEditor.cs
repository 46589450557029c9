using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Menu;

public enum MenuEditError
{
    None,
    NameMissing,
    SlugInvalid,
    SlugTaken,
    PriceInvalid,
    RangeInvalid,
    NotFound,
    PhotoTooLarge,
    PhotoNotAnImage,

    /// <summary>An English name or description is longer than its Russian counterpart may be.</summary>
    EnglishTooLong,
}

/// <summary>Told when the menu changes, so cached menu pages are dropped (the site evicts its output cache).</summary>
public interface IMenuChangeListener
{
    Task MenuChangedAsync(CancellationToken ct);
}

/// <summary>
/// Menu editing for managers: sections, items, options and their values, stop-list switches and photos.
/// Prices changed here never touch placed orders: order lines keep their own snapshot.
/// </summary>
public sealed partial class MenuEditor(LoungeDbContext db, IEnumerable<IMenuChangeListener> listeners, TimeProvider time)
{
    public const int MaxPhotoBytes = 2 * 1024 * 1024;

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9-]{1,60}$")]
    private static partial System.Text.RegularExpressions.Regex SlugPattern();

    /// <param name="nameEn">The English name for English guests; blank means they see the Russian one.</param>
    public async Task<MenuEditError> SaveCategoryAsync(int? id, string? name, string? slug, int sortOrder, bool isVisible, string? nameEn, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return MenuEditError.NameMissing;
        }

        if (!Localized.TryOptional(nameEn, 100, out nameEn))
        {
            return MenuEditError.EnglishTooLong;
        }

        slug = slug?.Trim().ToLowerInvariant();
        if (slug is null || !SlugPattern().IsMatch(slug))
        {
            return MenuEditError.SlugInvalid;
        }

        if (await db.MenuCategories.AnyAsync(c => c.Slug == slug && c.Id != id, ct))
        {
            return MenuEditError.SlugTaken;
        }

        var category = id is { } existing ? await db.MenuCategories.FindAsync([existing], ct) : new MenuCategory { Name = "", Slug = "" };
        if (category is null)
        {
            return MenuEditError.NotFound;
        }

        (category.Name, category.NameEn, category.Slug, category.SortOrder, category.IsVisible) = (name.Trim(), nameEn, slug, sortOrder, isVisible);
        if (id is null)
        {
            db.MenuCategories.Add(category);
        }

        return await SaveAsync(ct);
    }

    /// <param name="nameEn">The English name for English guests; blank means they see the Russian one (likewise <paramref name="descriptionEn"/>).</param>
    public async Task<(MenuEditError Error, int? Id)> SaveItemAsync(
        int? id, int categoryId, string? name, string? description, decimal price, string? tags, int sortOrder, string? nameEn, string? descriptionEn, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 150)
        {
            return (MenuEditError.NameMissing, null);
        }

        if (!Localized.TryOptional(nameEn, 150, out nameEn) || !Localized.TryOptional(descriptionEn, 1000, out descriptionEn))
        {
            return (MenuEditError.EnglishTooLong, null);
        }

        if (price < 0 || price > 1_000_000 || decimal.Round(price, 2) != price)
        {
            return (MenuEditError.PriceInvalid, null);
        }

        if (!await db.MenuCategories.AnyAsync(c => c.Id == categoryId, ct))
        {
            return (MenuEditError.NotFound, null);
        }

        var item = id is { } existing ? await db.MenuItems.FindAsync([existing], ct) : new MenuItem { Name = "" };
        if (item is null)
        {
            return (MenuEditError.NotFound, null);
        }

        item.CategoryId = categoryId;
        item.Name = name.Trim();
        item.Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim()[..Math.Min(description.Trim().Length, 1000)];
        (item.NameEn, item.DescriptionEn) = (nameEn, descriptionEn);
        item.Price = price;
        item.Tags = string.IsNullOrWhiteSpace(tags) ? null : tags.Trim()[..Math.Min(tags.Trim().Length, 200)];
        item.SortOrder = sortOrder;
        if (id is null)
        {
            db.MenuItems.Add(item);
        }

        var error = await SaveAsync(ct);
        return (error, item.Id);
    }

    /// <summary>The stop-list switch: an item that is off is shown as sold out everywhere and refused at checkout.</summary>
    /// <remarks>Tracked updates and deletes rather than bulk ones here, so the audit sees them.</remarks>
    public async Task<MenuEditError> SetItemAvailableAsync(int itemId, bool available, CancellationToken ct = default)
    {
        if (await db.MenuItems.FindAsync([itemId], ct) is not { } item)
        {
            return MenuEditError.NotFound;
        }

        item.IsAvailable = available;
        return await SaveAsync(ct);
    }

    public async Task<MenuEditError> SetValueAvailableAsync(int valueId, bool available, CancellationToken ct = default)
    {
        if (await db.MenuOptionValues.FindAsync([valueId], ct) is not { } value)
        {
            return MenuEditError.NotFound;
        }

        value.IsAvailable = available;
        return await SaveAsync(ct);
    }

    /// <summary>Marks a value as preselected for guests (or not); a single-choice group keeps at most one default.</summary>
    public async Task<MenuEditError> SetValueDefaultAsync(int valueId, bool isDefault, CancellationToken ct = default)
    {
        var value = await db.MenuOptionValues.SingleOrDefaultAsync(v => v.Id == valueId, ct);
        if (value is null)
        {
            return MenuEditError.NotFound;
        }

        var group = await db.MenuOptionGroups.Include(g => g.Values).SingleAsync(g => g.Id == value.OptionGroupId, ct);
        if (isDefault && group.MaxSelected == 1)
        {
            foreach (var other in group.Values)
            {
                other.IsDefault = false;
            }
        }

        value.IsDefault = isDefault;
        await db.SaveChangesAsync(ct);
        return await NotifyAsync(ct);
    }

    public async Task<MenuEditError> AddOptionGroupAsync(int itemId, string? name, int min, int max, string? nameEn = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return MenuEditError.NameMissing;
        }

        if (!Localized.TryOptional(nameEn, 100, out nameEn))
        {
            return MenuEditError.EnglishTooLong;
        }

        if (min < 0 || max < 1 || min > max || max > 20)
        {
            return MenuEditError.RangeInvalid;
        }

        if (!await db.MenuItems.AnyAsync(i => i.Id == itemId, ct))
        {
            return MenuEditError.NotFound;
        }

        var order = await db.MenuOptionGroups.CountAsync(g => g.MenuItemId == itemId, ct);
        db.MenuOptionGroups.Add(new MenuOptionGroup { MenuItemId = itemId, Name = name.Trim(), NameEn = nameEn, MinSelected = min, MaxSelected = max, SortOrder = order });
        return await SaveAsync(ct);
    }

    public async Task<MenuEditError> AddOptionValueAsync(int groupId, string? name, decimal priceDelta, string? nameEn = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return MenuEditError.NameMissing;
        }

        if (!Localized.TryOptional(nameEn, 100, out nameEn))
        {
            return MenuEditError.EnglishTooLong;
        }

        if (priceDelta < 0 || priceDelta > 100_000)
        {
            return MenuEditError.PriceInvalid;
        }

        if (!await db.MenuOptionGroups.AnyAsync(g => g.Id == groupId, ct))
        {
            return MenuEditError.NotFound;
        }

        var order = await db.MenuOptionValues.CountAsync(v => v.OptionGroupId == groupId, ct);
        db.MenuOptionValues.Add(new MenuOptionValue { OptionGroupId = groupId, Name = name.Trim(), NameEn = nameEn, PriceDelta = priceDelta, SortOrder = order });
        return await SaveAsync(ct);
    }

    /// <summary>
    /// Sets the English names of an item's option groups and values, keyed by their ids; a blank name means English
    /// guests see the Russian one. Ids that are not the item's are ignored. Nothing changes when a name is too long.
    /// </summary>
    public async Task<MenuEditError> SetOptionNamesEnAsync(
        int itemId, IReadOnlyDictionary<int, string?> groupNamesEn, IReadOnlyDictionary<int, string?> valueNamesEn, CancellationToken ct = default)
    {
        if (groupNamesEn.Values.Concat(valueNamesEn.Values).Any(text => !Localized.TryOptional(text, 100, out _)))
        {
            return MenuEditError.EnglishTooLong;
        }

        var groups = await db.MenuOptionGroups.Include(g => g.Values).Where(g => g.MenuItemId == itemId).ToListAsync(ct);
        if (groups.Count == 0 && !await db.MenuItems.AnyAsync(i => i.Id == itemId, ct))
        {
            return MenuEditError.NotFound;
        }

        foreach (var group in groups)
        {
            if (groupNamesEn.TryGetValue(group.Id, out var groupName))
            {
                Localized.TryOptional(groupName, 100, out var trimmed);
                group.NameEn = trimmed;
            }

            foreach (var value in group.Values)
            {
                if (valueNamesEn.TryGetValue(value.Id, out var valueName))
                {
                    Localized.TryOptional(valueName, 100, out var trimmed);
                    value.NameEn = trimmed;
                }
            }
        }

        return await SaveAsync(ct);
    }

    /// <summary>Removes an option group with its values; placed orders keep their own description of the choice.</summary>
    public async Task<MenuEditError> RemoveOptionGroupAsync(int groupId, CancellationToken ct = default)
    {
        if (await db.MenuOptionGroups.Include(g => g.Values).SingleOrDefaultAsync(g => g.Id == groupId, ct) is not { } group)
        {
            return MenuEditError.NotFound;
        }

        db.MenuOptionValues.RemoveRange(group.Values);
        db.MenuOptionGroups.Remove(group);
        return await SaveAsync(ct);
    }

    public async Task<MenuEditError> RemoveOptionValueAsync(int valueId, CancellationToken ct = default)
    {
        if (await db.MenuOptionValues.FindAsync([valueId], ct) is not { } value)
        {
            return MenuEditError.NotFound;
        }

        db.MenuOptionValues.Remove(value);
        return await SaveAsync(ct);
    }

    /// <summary>Stores a JPEG, PNG or WebP photo of at most 2 MB, recognised by its bytes, not its name.</summary>
    public async Task<MenuEditError> SetPhotoAsync(int itemId, byte[] bytes, CancellationToken ct = default)
    {
        if (bytes.Length > MaxPhotoBytes)
        {
            return MenuEditError.PhotoTooLarge;
        }

        if (ImageType(bytes) is not { } contentType)
        {
            return MenuEditError.PhotoNotAnImage;
        }

        var item = await db.MenuItems.FindAsync([itemId], ct);
        if (item is null)
        {
            return MenuEditError.NotFound;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var photo = await db.MenuPhotos.FindAsync([itemId], ct);
        if (photo is null)
        {
            db.MenuPhotos.Add(new MenuPhoto { MenuItemId = itemId, ContentType = contentType, Bytes = bytes, UpdatedAtUtc = now });
        }
        else
        {
            (photo.ContentType, photo.Bytes, photo.UpdatedAtUtc) = (contentType, bytes, now);
        }

        item.PhotoVersion = now.Ticks;
        return await SaveAsync(ct);
    }

    public Task<MenuPhoto?> PhotoAsync(int itemId, CancellationToken ct = default) =>
        db.MenuPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.MenuItemId == itemId, ct);

    public static string? ImageType(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };

    private async Task<MenuEditError> SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        return await NotifyAsync(ct);
    }

    private async Task<MenuEditError> NotifyAsync(CancellationToken ct)
    {
        foreach (var listener in listeners)
        {
            await listener.MenuChangedAsync(ct);
        }

        return MenuEditError.None;
    }
}
