using HookahLounge.Core.Lounge;
using HookahLounge.Core.Orders;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Orders;

public sealed class OrderDetailsModel(OrderService orders, LoungeProfile lounge) : AdminPageModel
{
    public Order Order { get; private set; } = null!;

    public IReadOnlyList<OrderStatusChange> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var (order, history) = await orders.DetailsAsync(id, ct);
        if (order is null)
        {
            return NotFound();
        }

        (Order, History) = (order, history);
        return Page();
    }

    public DateTime Local(DateTime utc) => lounge.ToLocal(utc);
}
