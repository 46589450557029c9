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

    /// <summary>A list to reorder does not name exactly the section's items (or all sections, groups, values).</summary>
    OrderInvalid,

    /// <summary>Nothing was ticked.</summary>
    NothingChosen,
}

/// <summary>What removing a menu entry did: gone for good, or archived because placed orders refer to it.</summary>
public enum MenuRemoval
{
    NotFound,
    Deleted,
    Archived,
}

/// <summary>What a removal would touch, for the confirmation step.</summary>
/// <param name="ParentId">The item of a photo, the group of a value: where the editor returns afterwards.</param>
public sealed record MenuRemovalPreview(string Name, int OrderLines, int Items, int Values, int? ParentId = null);

/// <summary>What a confirmation page removes.</summary>
public enum MenuEntry
{
    Item,
    Section,
    OptionGroup,
    OptionValue,
    Photo,
}

/// <summary>Which list a reorder is about.</summary>
public enum MenuList
{
    Sections,
    Items,
    OptionGroups,
    OptionValues,
}

/// <summary>Told when the menu changes, so cached menu pages are dropped (the site evicts its output cache).</summary>
public interface IMenuChangeListener
{
    Task MenuChangedAsync(CancellationToken ct);
}

/// <summary>
/// Menu editing for managers: sections, items, the shared option library and its values, stop-list switches,
/// photos, order and removal. Prices changed here never touch placed orders: order lines keep their own snapshot.
/// Every change is a tracked update (so the audit sees it) followed by the change listeners (the public cache).
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

        if (id is null)
        {
            sortOrder = await db.MenuCategories.Select(c => (int?)c.SortOrder).MaxAsync(ct) + 1 ?? 0;
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

        if (id is null || item.CategoryId != categoryId)
        {
            // A new item, or one moved to another section, goes to that section's end.
            sortOrder = await db.MenuItems.Where(i => i.CategoryId == categoryId).Select(i => (int?)i.SortOrder).MaxAsync(ct) + 1 ?? 0;
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
        switch (CheckPhoto(bytes, out var contentType))
        {
            case Content.PhotoError.TooLarge:
                return MenuEditError.PhotoTooLarge;
            case Content.PhotoError.NotAnImage:
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

    /// <summary>What is wrong with an uploaded photo (menu, promo or site), or None with the type its bytes were recognised as.</summary>
    public static Content.PhotoError CheckPhoto(byte[] bytes, out string contentType)
    {
        contentType = ImageType(bytes) ?? "";
        return bytes.Length > MaxPhotoBytes ? Content.PhotoError.TooLarge
            : contentType.Length == 0 ? Content.PhotoError.NotAnImage
            : Content.PhotoError.None;
    }

    public static string? ImageType(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };

    /// <summary>
    /// Puts items and option values on the stop-list (or back on sale) in one go, e.g. everything with mango when it runs out.
    /// Unknown ids change nothing at all.
    /// </summary>
    public async Task<MenuEditError> SetStopListAsync(IReadOnlyCollection<int> itemIds, IReadOnlyCollection<int> valueIds, bool available, CancellationToken ct = default)
    {
        if (itemIds.Count == 0 && valueIds.Count == 0)
        {
            return MenuEditError.NothingChosen;
        }

        var items = await db.MenuItems.Where(i => itemIds.Contains(i.Id)).ToListAsync(ct);
        var values = await db.MenuOptionValues.Where(v => valueIds.Contains(v.Id)).ToListAsync(ct);
        if (items.Count != itemIds.Distinct().Count() || values.Count != valueIds.Distinct().Count())
        {
            return MenuEditError.NotFound;
        }

        items.ForEach(i => i.IsAvailable = available);
        values.ForEach(v => v.IsAvailable = available);
        return await SaveAsync(ct);
    }

    /// <summary>Creates a group in the option library (at its end) or changes one; a change shows on every item that offers it.</summary>
    public async Task<(MenuEditError Error, int? Id)> SaveOptionGroupAsync(int? id, string? name, string? nameEn, int min, int max, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return (MenuEditError.NameMissing, null);
        }

        if (!Localized.TryOptional(nameEn, 100, out nameEn))
        {
            return (MenuEditError.EnglishTooLong, null);
        }

        if (min < 0 || max < 1 || min > max || max > 20)
        {
            return (MenuEditError.RangeInvalid, null);
        }

        var group = id is { } existing
            ? await db.MenuOptionGroups.Include(g => g.Values).SingleOrDefaultAsync(g => g.Id == existing, ct)
            : new MenuOptionGroup { Name = "", SortOrder = await db.MenuOptionGroups.Select(g => (int?)g.SortOrder).MaxAsync(ct) + 1 ?? 0 };
        if (group is null)
        {
            return (MenuEditError.NotFound, null);
        }

        (group.Name, group.NameEn, group.MinSelected, group.MaxSelected) = (name.Trim(), nameEn, min, max);

        // Fewer picks allowed than defaults marked: the first defaults stay preselected.
        foreach (var extra in group.Values.Where(v => v.IsDefault).OrderBy(v => v.SortOrder).Skip(max))
        {
            extra.IsDefault = false;
        }

        if (id is null)
        {
            db.MenuOptionGroups.Add(group);
        }

        var error = await SaveAsync(ct);
        return (error, group.Id);
    }

    /// <summary>An item starts offering a library group (doing it twice changes nothing).</summary>
    public async Task<MenuEditError> AttachOptionGroupAsync(int itemId, int groupId, CancellationToken ct = default)
    {
        if (!await db.MenuItems.AnyAsync(i => i.Id == itemId, ct) || !await db.MenuOptionGroups.AnyAsync(g => g.Id == groupId, ct))
        {
            return MenuEditError.NotFound;
        }

        if (!await db.MenuItemOptionGroups.AnyAsync(l => l.MenuItemId == itemId && l.OptionGroupId == groupId, ct))
        {
            db.MenuItemOptionGroups.Add(new MenuItemOptionGroup { MenuItemId = itemId, OptionGroupId = groupId });
        }

        return await SaveAsync(ct);
    }

    /// <summary>An item stops offering a group; the group stays in the library for the other items.</summary>
    public async Task<MenuEditError> DetachOptionGroupAsync(int itemId, int groupId, CancellationToken ct = default)
    {
        if (await db.MenuItemOptionGroups.SingleOrDefaultAsync(l => l.MenuItemId == itemId && l.OptionGroupId == groupId, ct) is not { } link)
        {
            return MenuEditError.NotFound;
        }

        db.MenuItemOptionGroups.Remove(link);
        return await SaveAsync(ct);
    }

    /// <summary>Sets which items offer a library group, all at once (the group's page lists every item with a tick).</summary>
    public async Task<MenuEditError> SetGroupItemsAsync(int groupId, IReadOnlyCollection<int> itemIds, CancellationToken ct = default)
    {
        if (!await db.MenuOptionGroups.AnyAsync(g => g.Id == groupId, ct))
        {
            return MenuEditError.NotFound;
        }

        var wanted = itemIds.Distinct().ToList();
        if (await db.MenuItems.CountAsync(i => wanted.Contains(i.Id), ct) != wanted.Count)
        {
            return MenuEditError.NotFound;
        }

        // Archived items are not listed for ticking, so they keep what they had.
        var archived = await db.MenuItems.Where(i => i.IsArchived).Select(i => i.Id).ToListAsync(ct);
        var links = await db.MenuItemOptionGroups.Where(l => l.OptionGroupId == groupId).ToListAsync(ct);
        db.MenuItemOptionGroups.RemoveRange(links.Where(l => !wanted.Contains(l.MenuItemId) && !archived.Contains(l.MenuItemId)));
        db.MenuItemOptionGroups.AddRange(wanted.Where(id => links.All(l => l.MenuItemId != id)).Select(id => new MenuItemOptionGroup { MenuItemId = id, OptionGroupId = groupId }));
        return await SaveAsync(ct);
    }

    /// <summary>Renames a value or changes its surcharge, for every item that offers its group.</summary>
    public async Task<MenuEditError> SaveOptionValueAsync(int valueId, string? name, string? nameEn, decimal priceDelta, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return MenuEditError.NameMissing;
        }

        if (!Localized.TryOptional(nameEn, 100, out nameEn))
        {
            return MenuEditError.EnglishTooLong;
        }

        if (priceDelta < 0 || priceDelta > 100_000 || decimal.Round(priceDelta, 2) != priceDelta)
        {
            return MenuEditError.PriceInvalid;
        }

        if (await db.MenuOptionValues.FindAsync([valueId], ct) is not { } value)
        {
            return MenuEditError.NotFound;
        }

        (value.Name, value.NameEn, value.PriceDelta) = (name.Trim(), nameEn, priceDelta);
        return await SaveAsync(ct);
    }

    /// <summary>Moves one entry a place up (-1) or down (+1) among its siblings; at either end nothing changes.</summary>
    public async Task<MenuEditError> MoveAsync(MenuList list, int id, int step, CancellationToken ct = default)
    {
        if (step is not (-1 or 1))
        {
            return MenuEditError.OrderInvalid;
        }

        if (await SiblingsAsync(list, id, ct) is not { } siblings)
        {
            return MenuEditError.NotFound;
        }

        var ids = siblings.Select(s => s.Id).ToList();
        var at = ids.IndexOf(id);
        var to = at + step;
        if (to < 0 || to >= ids.Count)
        {
            return MenuEditError.None;
        }

        (ids[at], ids[to]) = (ids[to], ids[at]);
        return await ApplyOrderAsync(siblings, ids, ct);
    }

    /// <summary>
    /// Puts a whole list in the given order (a drag in the editor). The ids must be exactly the list's entries —
    /// the sections, the items of one section, the library groups or the values of one group — or nothing changes.
    /// </summary>
    public async Task<MenuEditError> ReorderAsync(MenuList list, IReadOnlyList<int> orderedIds, CancellationToken ct = default)
    {
        if (orderedIds.Count == 0 || await SiblingsAsync(list, orderedIds[0], ct) is not { } siblings)
        {
            return MenuEditError.NotFound;
        }

        if (orderedIds.Distinct().Count() != orderedIds.Count || !siblings.Select(s => s.Id).Order().SequenceEqual(orderedIds.Order()))
        {
            return MenuEditError.OrderInvalid;
        }

        return await ApplyOrderAsync(siblings, orderedIds, ct);
    }

    private sealed record Sibling(int Id, Action<int> SetOrder, int Order);

    /// <summary>The tracked entries sharing a list with <paramref name="id"/>, in their current order; null when there is no such entry.</summary>
    private async Task<List<Sibling>?> SiblingsAsync(MenuList list, int id, CancellationToken ct)
    {
        switch (list)
        {
            case MenuList.Sections when await db.MenuCategories.AnyAsync(c => c.Id == id, ct):
                return [.. (await db.MenuCategories.OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct)).Select(c => new Sibling(c.Id, o => c.SortOrder = o, c.SortOrder))];
            case MenuList.Items when await db.MenuItems.FindAsync([id], ct) is { } item:
                return [.. (await db.MenuItems.Where(i => i.CategoryId == item.CategoryId).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync(ct))
                    .Select(i => new Sibling(i.Id, o => i.SortOrder = o, i.SortOrder))];
            case MenuList.OptionGroups when await db.MenuOptionGroups.AnyAsync(g => g.Id == id, ct):
                return [.. (await db.MenuOptionGroups.OrderBy(g => g.SortOrder).ThenBy(g => g.Id).ToListAsync(ct)).Select(g => new Sibling(g.Id, o => g.SortOrder = o, g.SortOrder))];
            case MenuList.OptionValues when await db.MenuOptionValues.FindAsync([id], ct) is { } value:
                return [.. (await db.MenuOptionValues.Where(v => v.OptionGroupId == value.OptionGroupId).OrderBy(v => v.SortOrder).ThenBy(v => v.Id).ToListAsync(ct))
                    .Select(v => new Sibling(v.Id, o => v.SortOrder = o, v.SortOrder))];
            default:
                return null;
        }
    }

    private async Task<MenuEditError> ApplyOrderAsync(List<Sibling> siblings, IReadOnlyList<int> orderedIds, CancellationToken ct)
    {
        var byId = siblings.ToDictionary(s => s.Id);
        for (var position = 0; position < orderedIds.Count; position++)
        {
            if (byId[orderedIds[position]].Order != position)
            {
                byId[orderedIds[position]].SetOrder(position);
            }
        }

        return await SaveAsync(ct);
    }

    /// <summary>What removing an entry would touch, for the confirmation page; null when it does not exist.</summary>
    public async Task<MenuRemovalPreview?> PreviewRemovalAsync(MenuEntry entry, int id, CancellationToken ct = default)
    {
        switch (entry)
        {
            case MenuEntry.Item when await db.MenuItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is { } item:
                return new(item.Name, await db.OrderLines.CountAsync(l => l.MenuItemId == id, ct), 0, 0);
            case MenuEntry.Section when await db.MenuCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } category:
                var itemIds = db.MenuItems.Where(i => i.CategoryId == id).Select(i => (int?)i.Id);
                return new(category.Name, await db.OrderLines.CountAsync(l => itemIds.Contains(l.MenuItemId), ct), await db.MenuItems.CountAsync(i => i.CategoryId == id, ct), 0);
            case MenuEntry.OptionGroup when await db.MenuOptionGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, ct) is { } group:
                return new(group.Name, 0, await db.MenuItemOptionGroups.CountAsync(l => l.OptionGroupId == id, ct), await db.MenuOptionValues.CountAsync(v => v.OptionGroupId == id, ct));
            case MenuEntry.OptionValue when await db.MenuOptionValues.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct) is { } value:
                return new(value.Name, 0, await db.MenuItemOptionGroups.CountAsync(l => l.OptionGroupId == value.OptionGroupId, ct), 1, value.OptionGroupId);
            case MenuEntry.Photo when await db.MenuItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.PhotoVersion != null, ct) is { } pictured:
                return new(pictured.Name, 0, 1, 0, pictured.Id);
            default:
                return null;
        }
    }

    /// <summary>
    /// Removes an entry. An item or section that placed orders refer to is archived instead — gone from the bot and
    /// the site, kept for the orders' history. Option groups and values go for good: order lines keep their own text.
    /// </summary>
    public async Task<MenuRemoval> RemoveAsync(MenuEntry entry, int id, CancellationToken ct = default)
    {
        switch (entry)
        {
            case MenuEntry.Item when await db.MenuItems.FindAsync([id], ct) is { } item:
                if (await db.OrderLines.AnyAsync(l => l.MenuItemId == id, ct))
                {
                    item.IsArchived = true;
                    await SaveAsync(ct);
                    return MenuRemoval.Archived;
                }

                await RemoveItemsAsync([item], ct);
                await SaveAsync(ct);
                return MenuRemoval.Deleted;
            case MenuEntry.Section when await db.MenuCategories.FindAsync([id], ct) is { } category:
                var items = await db.MenuItems.Where(i => i.CategoryId == id).ToListAsync(ct);
                var itemIds = items.Select(i => (int?)i.Id).ToList();
                if (await db.OrderLines.AnyAsync(l => itemIds.Contains(l.MenuItemId), ct))
                {
                    category.IsArchived = true;
                    await SaveAsync(ct);
                    return MenuRemoval.Archived;
                }

                await RemoveItemsAsync(items, ct);
                db.MenuCategories.Remove(category);
                await SaveAsync(ct);
                return MenuRemoval.Deleted;
            case MenuEntry.OptionGroup when await db.MenuOptionGroups.Include(g => g.Values).SingleOrDefaultAsync(g => g.Id == id, ct) is { } group:
                db.MenuItemOptionGroups.RemoveRange(await db.MenuItemOptionGroups.Where(l => l.OptionGroupId == id).ToListAsync(ct));
                db.MenuOptionValues.RemoveRange(group.Values);
                db.MenuOptionGroups.Remove(group);
                await SaveAsync(ct);
                return MenuRemoval.Deleted;
            case MenuEntry.OptionValue:
                return await RemoveOptionValueAsync(id, ct) == MenuEditError.None ? MenuRemoval.Deleted : MenuRemoval.NotFound;
            case MenuEntry.Photo when await db.MenuItems.FindAsync([id], ct) is { PhotoVersion: not null } pictured:
                if (await db.MenuPhotos.FindAsync([id], ct) is { } photo)
                {
                    db.MenuPhotos.Remove(photo);
                }

                pictured.PhotoVersion = null;
                await SaveAsync(ct);
                return MenuRemoval.Deleted;
            default:
                return MenuRemoval.NotFound;
        }
    }

    /// <summary>Brings an archived item or section back to the bot and the site.</summary>
    public async Task<MenuEditError> RestoreAsync(MenuEntry entry, int id, CancellationToken ct = default)
    {
        switch (entry)
        {
            case MenuEntry.Item when await db.MenuItems.FindAsync([id], ct) is { } item:
                item.IsArchived = false;
                return await SaveAsync(ct);
            case MenuEntry.Section when await db.MenuCategories.FindAsync([id], ct) is { } category:
                category.IsArchived = false;
                return await SaveAsync(ct);
            default:
                return MenuEditError.NotFound;
        }
    }

    private async Task RemoveItemsAsync(List<MenuItem> items, CancellationToken ct)
    {
        var ids = items.Select(i => i.Id).ToList();
        db.MenuItemOptionGroups.RemoveRange(await db.MenuItemOptionGroups.Where(l => ids.Contains(l.MenuItemId)).ToListAsync(ct));
        db.MenuPhotos.RemoveRange(await db.MenuPhotos.Where(p => ids.Contains(p.MenuItemId)).ToListAsync(ct));
        db.MenuItems.RemoveRange(items);
    }

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
