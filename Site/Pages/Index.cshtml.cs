using HookahLounge.Core.Promotions;
using HookahLounge.Site.Extensions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace HookahLounge.Site.Pages;

[OutputCache(PolicyName = SiteExtensions.PromotionsCacheTag)]
public sealed class IndexModel(PromotionBoard board, HookahLounge.Core.Content.SitePhotos photos) : PageModel
{
    public IReadOnlyList<Promotion> Promotions { get; private set; } = [];

    /// <summary>The version of the hero photo the owner uploaded; null shows the drawn fallback.</summary>
    public long? HeroVersion { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Promotions = await board.CurrentAsync(ct);
        HeroVersion = await photos.HeroVersionAsync(ct);
    }
}
