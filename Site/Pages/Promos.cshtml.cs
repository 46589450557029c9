using HookahLounge.Core.Promotions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HookahLounge.Site.Pages;

public sealed class PromosModel(PromotionBoard board) : PageModel
{
    public IReadOnlyList<Promotion> Promotions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Promotions = await board.CurrentAsync(ct);
}
