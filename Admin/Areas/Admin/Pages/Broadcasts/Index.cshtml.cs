using HookahLounge.Core.Broadcasts;
using Microsoft.AspNetCore.Authorization;

namespace HookahLounge.Admin.Areas.Admin.Pages.Broadcasts;

/// <summary>Broadcasts, newest first, with their reach and what recipients did within 48 hours.</summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class BroadcastsIndexModel(BroadcastService broadcasts) : AdminPageModel
{
    public IReadOnlyList<BroadcastReach> History { get; private set; } = [];

    public IReadOnlyList<SavedAudience> Audiences { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        History = await broadcasts.HistoryAsync(100, ct);
        Audiences = await broadcasts.SavedAudiencesAsync(ct);
    }

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnPostDeleteAudienceAsync(int id, CancellationToken ct)
    {
        await broadcasts.DeleteAudienceAsync(id, ct);
        TempData["Flash"] = "Аудитория удалена.";
        return RedirectToPage();
    }
}
