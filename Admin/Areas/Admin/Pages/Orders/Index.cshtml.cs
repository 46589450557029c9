using System.Globalization;
using System.Security.Claims;
using HookahLounge.Core;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Visits;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Orders;

/// <summary>
/// The order board: today's orders by status and open service calls, one click per step. The page
/// refreshes itself every few seconds (a plain meta refresh: no script needed).
/// </summary>
public sealed class OrdersIndexModel(OrderService orders, VisitService visits, LoungeProfile lounge) : AdminPageModel
{
    public const int RefreshSeconds = 15;

    [BindProperty(SupportsGet = true)]
    public OrderStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public OrderType? Type { get; set; }

    public IReadOnlyList<Order> Orders { get; private set; } = [];

    public IReadOnlyList<ServiceCall> Calls { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (from, to) = lounge.CurrentBusinessDayUtc;
        var all = await orders.ForBusinessDayAsync(from, to, ct);
        Orders = [.. all.Where(o => (Status is null || o.Status == Status) && (Type is null || o.Type == Type))];
        Calls = await visits.OpenCallsAsync(ct);
    }

    public IReadOnlyList<OrderAction> ActionsFor(Order order) =>
        new OrderLifecycle(new Order { Status = order.Status, CustomerId = order.CustomerId }, Actor.Staff(0, "")).AvailableActions;

    public DateTime Local(DateTime utc) => lounge.ToLocal(utc);

    public async Task<IActionResult> OnPostMoveAsync(int id, OrderAction action, string? reason, CancellationToken ct)
    {
        var actor = Actor.Staff(int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture), User.FindFirstValue(ClaimTypes.GivenName) ?? "");
        var result = Enum.IsDefined(action) ? await orders.ChangeStatusAsync(id, action, actor, reason, ct) : new OrderResult(OrderError.NotAllowed);
        TempData["Flash"] = result.Error switch
        {
            OrderError.None => $"Заказ №{id}: {OrderTexts.Status(result.Order!.Status)}. Гость получит уведомление.",
            OrderError.ReasonRequired => "Укажите причину отказа — её увидит гость. Ничего не изменено.",
            OrderError.NotFound => "Заказ не найден.",
            _ => $"Так нельзя: заказ №{id} сейчас «{OrderTexts.Status(result.Order?.Status ?? OrderStatus.New)}». Ничего не изменено.",
        };
        return RedirectToPage(new { Status, Type });
    }

    public async Task<IActionResult> OnPostCallAsync(int id, ServiceCallStatus to, CancellationToken ct)
    {
        var result = Enum.IsDefined(to) ? await visits.AdvanceCallAsync(id, to, User.FindFirstValue(ClaimTypes.GivenName) ?? "", ct) : new CallResult(VisitError.NotAllowed);
        TempData["Flash"] = result.Error == VisitError.None ? "Вызов обновлён." : "Этот вызов уже принят или выполнен.";
        return RedirectToPage(new { Status, Type });
    }
}

public static class OrderTexts
{
    public static string Status(OrderStatus status) => Core.Staff.StaffWording.Status(status);

    public static string Action(OrderAction action) => action switch
    {
        OrderAction.Accept => "Принять",
        OrderAction.Prepare => "Готовится",
        OrderAction.MarkReady => "Готов",
        OrderAction.Complete => "Завершить",
        OrderAction.Decline => "Отклонить",
        _ => "Отменить",
    };

    public static string Type(OrderType type) => type switch
    {
        OrderType.AtTable => "к столу",
        OrderType.ToBooking => "к брони",
        _ => "с собой",
    };

    public static string Call(ServiceCallKind kind) => kind switch
    {
        ServiceCallKind.ChangeCoals => "🔥 угли",
        ServiceCallKind.HookahMaster => "💨 кальянщик",
        ServiceCallKind.Waiter => "🙋 официант",
        _ => "🧾 счёт",
    };
}
