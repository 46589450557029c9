using Microsoft.AspNetCore.Authorization;
using HookahLounge.Core.Customers;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HookahLounge.Admin.Areas.Admin.Pages.Customers;

[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class CustomersIndexModel(CustomerDirectory customers) : AdminPageModel
{
    public IReadOnlyList<Customer> Customers { get; private set; } = [];

    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Total = await customers.CountAsync(ct);
        Customers = await customers.RecentAsync(100, ct);
    }
}
