using HookahLounge.Core.Menu;
using Microsoft.AspNetCore.OutputCaching;

namespace HookahLounge.Site.Extensions;

/// <summary>Drops cached pages when staff change what they show, so guests never see stale prices, stop-lists or promos.</summary>
public sealed class MenuCacheEviction(IOutputCacheStore cache) : IMenuChangeListener, HookahLounge.Core.Promotions.IPromotionChangeListener
{
    public Task MenuChangedAsync(CancellationToken ct) => cache.EvictByTagAsync(SiteExtensions.MenuCacheTag, ct).AsTask();

    public Task PromotionsChangedAsync(CancellationToken ct) => cache.EvictByTagAsync(SiteExtensions.PromotionsCacheTag, ct).AsTask();
}
