using HookahLounge.Core.Content;
using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Menu;

/// <summary>Reads the menu as guests see it.</summary>
public sealed class MenuCatalog(LoungeDbContext db, ContentVersions versions, ContentCache<IReadOnlyList<MenuCategory>> cache)
{
    /// <summary>
    /// Visible categories with their items and shared options in display order; stop-listed items and values are included
    /// and flagged, archived items left out. Served from memory while the content version stands (every guest's menu
    /// tap would otherwise cost four queries); the result is shared, so callers must not change it.
    /// </summary>
    public Task<IReadOnlyList<MenuCategory>> GetVisibleAsync(CancellationToken ct = default) => cache.GetAsync(versions, LoadVisibleAsync, ct);

    private async Task<IReadOnlyList<MenuCategory>> LoadVisibleAsync(CancellationToken ct)
    {
        var categories = await db.MenuCategories.AsNoTracking()
            .Where(c => c.IsVisible && !c.IsArchived)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Include(c => c.Items.Where(i => !i.IsArchived)).ThenInclude(i => i.OptionGroups).ThenInclude(g => g.Values)
            .AsSplitQuery()
            .ToListAsync(ct);
        foreach (var category in categories)
        {
            category.Items = [.. category.Items.OrderBy(i => i.SortOrder).ThenBy(i => i.Id)];
            foreach (var item in category.Items)
            {
                item.OptionGroups = [.. item.OptionGroups.OrderBy(g => g.SortOrder).ThenBy(g => g.Id)];
                item.OptionGroups.ForEach(g => g.Values = [.. g.Values.OrderBy(v => v.SortOrder).ThenBy(v => v.Id)]);
            }
        }

        return categories;
    }

    /// <summary>A section guests can see, with its items in display order (from the shared menu; do not change it).</summary>
    public async Task<MenuCategory?> FindCategoryAsync(int id, CancellationToken ct = default) =>
        (await GetVisibleAsync(ct)).FirstOrDefault(c => c.Id == id);

    /// <summary>An item guests can see (not archived, its section visible), with its shared option groups and values in display order.</summary>
    public Task<MenuItem?> FindItemAsync(int id, CancellationToken ct = default) =>
        db.MenuItems.AsNoTracking().Include(i => i.Category)
            .Include(i => i.OptionGroups.OrderBy(g => g.SortOrder)).ThenInclude(g => g.Values.OrderBy(v => v.SortOrder))
            .AsSplitQuery().SingleOrDefaultAsync(i => i.Id == id && !i.IsArchived && i.Category!.IsVisible && !i.Category.IsArchived, ct);

    /// <summary>Items by id with their options, e.g. to price a cart.</summary>
    public Task<Dictionary<int, MenuItem>> ItemsAsync(IReadOnlyCollection<int> ids, CancellationToken ct = default) =>
        db.MenuItems.AsNoTracking().Include(i => i.OptionGroups).ThenInclude(g => g.Values).AsSplitQuery()
            .Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);

    /// <summary>Every category, hidden and archived ones too, with items and their option groups, for the back office.</summary>
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

/// <summary>Reads the menu as staff edit it: the option library and the stop-list.</summary>
public sealed class MenuLibrary(LoungeDbContext db)
{
    /// <summary>The shared option groups in library order, each with its values and the items that offer it.</summary>
    public Task<List<MenuOptionGroup>> GroupsAsync(CancellationToken ct = default) =>
        db.MenuOptionGroups.AsNoTracking()
            .Include(g => g.Values.OrderBy(v => v.SortOrder).ThenBy(v => v.Id))
            .Include(g => g.Items.OrderBy(i => i.Name))
            .OrderBy(g => g.SortOrder).ThenBy(g => g.Id)
            .AsSplitQuery().ToListAsync(ct);

    public Task<MenuOptionGroup?> GroupAsync(int id, CancellationToken ct = default) =>
        db.MenuOptionGroups.AsNoTracking()
            .Include(g => g.Values.OrderBy(v => v.SortOrder).ThenBy(v => v.Id))
            .Include(g => g.Items.OrderBy(i => i.Name))
            .AsSplitQuery().SingleOrDefaultAsync(g => g.Id == id, ct);

    /// <summary>One item as the editor shows it, archived or not, with its section and option groups.</summary>
    public Task<MenuItem?> ItemAsync(int id, CancellationToken ct = default) =>
        db.MenuItems.AsNoTracking().Include(i => i.Category)
            .Include(i => i.OptionGroups.OrderBy(g => g.SortOrder)).ThenInclude(g => g.Values.OrderBy(v => v.SortOrder))
            .AsSplitQuery().SingleOrDefaultAsync(i => i.Id == id, ct);

    public Task<MenuCategory?> SectionAsync(int id, CancellationToken ct = default) =>
        db.MenuCategories.AsNoTracking().Include(c => c.Items.OrderBy(i => i.SortOrder).ThenBy(i => i.Id)).SingleOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>
    /// What staff switch during service: items of live sections and values of groups that live items offer, matching
    /// <paramref name="search"/> (any part of the Russian or English name) when one is given.
    /// </summary>
    public async Task<StopListView> StopListAsync(string? search, CancellationToken ct = default)
    {
        var q = search?.Trim();
        var items = await db.MenuItems.AsNoTracking().Include(i => i.Category)
            .Where(i => !i.IsArchived && !i.Category!.IsArchived)
            .OrderBy(i => i.Category!.SortOrder).ThenBy(i => i.SortOrder).ThenBy(i => i.Id)
            .ToListAsync(ct);
        var groups = await db.MenuOptionGroups.AsNoTracking()
            .Where(g => g.Items.Any(i => !i.IsArchived))
            .Include(g => g.Values.OrderBy(v => v.SortOrder).ThenBy(v => v.Id))
            .OrderBy(g => g.SortOrder).ThenBy(g => g.Id)
            .ToListAsync(ct);
        if (!string.IsNullOrEmpty(q))
        {
            bool Match(string name, string? nameEn) =>
                name.Contains(q, StringComparison.OrdinalIgnoreCase) || nameEn?.Contains(q, StringComparison.OrdinalIgnoreCase) == true;
            items = [.. items.Where(i => Match(i.Name, i.NameEn))];
            foreach (var group in groups)
            {
                group.Values = Match(group.Name, group.NameEn) ? group.Values : [.. group.Values.Where(v => Match(v.Name, v.NameEn))];
            }

            groups = [.. groups.Where(g => g.Values.Count > 0)];
        }

        return new StopListView(items, groups);
    }
}

/// <summary>The stop-list screen: items (with their section) and shared option groups with their values.</summary>
public sealed record StopListView(List<MenuItem> Items, List<MenuOptionGroup> Groups);
