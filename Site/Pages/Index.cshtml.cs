using HookahLounge.Core.Promotions;
using HookahLounge.Site.Extensions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace HookahLounge.Site.Pages;

[OutputCache(PolicyName = SiteExtensions.PromotionsCacheTag)]
public sealed class IndexModel(PromotionBoard board) : PageModel
{
    public IReadOnlyList<Promotion> Promotions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Promotions = await board.CurrentAsync(ct);
}
