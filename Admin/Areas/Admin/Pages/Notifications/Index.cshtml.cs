using HookahLounge.Core.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Notifications;

[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class NotificationsIndexModel(OutboxAdmin outbox) : AdminPageModel
{
    [BindProperty(SupportsGet = true)]
    public OutboxStatus? Status { get; set; }

    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public IReadOnlyDictionary<OutboxStatus, int> Counts { get; private set; } = new Dictionary<OutboxStatus, int>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Messages = await outbox.RecentAsync(Status, ct: ct);
        Counts = await outbox.CountsAsync(ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        TempData["Flash"] = await outbox.RetryAsync(id, ct)
            ? $"Уведомление #{id} поставлено в очередь заново."
            : $"Уведомление #{id} нельзя отправить повторно: оно уже отправлено, ждёт отправки или не найдено.";
        return RedirectToPage(new { Status });
    }

    public static string StatusName(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "в очереди",
        OutboxStatus.Sent => "отправлено",
        OutboxStatus.Failed => "ошибка",
        _ => "пропущено",
    };
}
