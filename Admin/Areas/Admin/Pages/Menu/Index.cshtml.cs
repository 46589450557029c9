using Microsoft.AspNetCore.Authorization;
using HookahLounge.Core.Menu;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HookahLounge.Admin.Areas.Admin.Pages.Menu;

[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class MenuIndexModel(MenuCatalog catalog) : AdminPageModel
{
    public IReadOnlyList<MenuCategory> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Categories = await catalog.GetForStaffAsync(ct);
}
