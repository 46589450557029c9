using HookahLounge.Core.Menu;
using Microsoft.AspNetCore.OutputCaching;

namespace HookahLounge.Site.Extensions;

/// <summary>Drops the cached menu page when staff change the menu, so guests never see stale prices or stop-lists.</summary>
public sealed class MenuCacheEviction(IOutputCacheStore cache) : IMenuChangeListener
{
    public Task MenuChangedAsync(CancellationToken ct) => cache.EvictByTagAsync(SiteExtensions.MenuCacheTag, ct).AsTask();
}
