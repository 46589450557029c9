using HookahLounge.Core.Menu;
using HookahLounge.Site.Extensions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace HookahLounge.Site.Pages;

[OutputCache(PolicyName = SiteExtensions.MenuCacheTag)]
public sealed class MenuModel(MenuCatalog catalog) : PageModel
{
    public IReadOnlyList<MenuCategory> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Categories = await catalog.GetVisibleAsync(ct);
}
