using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Menu;

/// <summary>Reads the menu as guests see it.</summary>
public sealed class MenuCatalog(LoungeDbContext db)
{
    /// <summary>Visible categories with their items in display order; stop-listed items are included and flagged.</summary>
    public async Task<List<MenuCategory>> GetVisibleAsync(CancellationToken ct = default)
    {
        var categories = await db.MenuCategories.AsNoTracking()
            .Where(c => c.IsVisible)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Include(c => c.Items)
            .AsSplitQuery()
            .ToListAsync(ct);
        foreach (var category in categories)
        {
            category.Items = [.. category.Items.OrderBy(i => i.SortOrder).ThenBy(i => i.Id)];
        }

        return categories;
    }

    public Task<MenuCategory?> FindCategoryAsync(int id, CancellationToken ct = default) =>
        db.MenuCategories.AsNoTracking()
            .Where(c => c.IsVisible && c.Id == id)
            .Include(c => c.Items.OrderBy(i => i.SortOrder).ThenBy(i => i.Id))
            .SingleOrDefaultAsync(ct);

    /// <summary>An item guests can see (its section is visible), with its option groups and values in display order.</summary>
    public Task<MenuItem?> FindItemAsync(int id, CancellationToken ct = default) =>
        db.MenuItems.AsNoTracking().Include(i => i.Category)
            .Include(i => i.OptionGroups.OrderBy(g => g.SortOrder)).ThenInclude(g => g.Values.OrderBy(v => v.SortOrder))
            .AsSplitQuery().SingleOrDefaultAsync(i => i.Id == id && i.Category!.IsVisible, ct);

    /// <summary>Items by id with their options, e.g. to price a cart.</summary>
    public Task<Dictionary<int, MenuItem>> ItemsAsync(IReadOnlyCollection<int> ids, CancellationToken ct = default) =>
        db.MenuItems.AsNoTracking().Include(i => i.OptionGroups).ThenInclude(g => g.Values).AsSplitQuery()
            .Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);

    /// <summary>Every category, hidden ones too, with items and their option groups, for the back office.</summary>
    public async Task<List<MenuCategory>> GetForStaffAsync(CancellationToken ct = default)
    {
        var categories = await db.MenuCategories.AsNoTracking()
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Include(c => c.Items).ThenInclude(i => i.OptionGroups).ThenInclude(g => g.Values)
            .AsSplitQuery()
            .ToListAsync(ct);
        foreach (var category in categories)
        {
            category.Items = [.. category.Items.OrderBy(i => i.SortOrder).ThenBy(i => i.Id)];
        }

        return categories;
    }
}
