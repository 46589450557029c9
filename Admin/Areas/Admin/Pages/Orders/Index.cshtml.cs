using System.Globalization;
using System.Security.Claims;
using HookahLounge.Core;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Visits;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Orders;

/// <summary>
/// The order board: today's orders in columns by status and the open service calls, one tap per step. With
/// script the board fetches its own partial every few seconds and merges it in place (typed text and scroll
/// stay), and actions post in the background; without script the page and its "Обновить" link still work.
/// </summary>
public sealed class OrdersIndexModel(OrderService orders, VisitService visits, LoungeProfile lounge) : AdminPageModel
{
    /// <summary>How often the board asks for news; a request costs two small queries.</summary>
    public const int PollSeconds = 5;

    /// <summary>The header a background request sends: answer with the board, not a redirect.</summary>
    public const string BoardHeader = "X-Board";

    public static readonly OrderStatus[] Columns = [OrderStatus.New, OrderStatus.Accepted, OrderStatus.Preparing, OrderStatus.Ready];

    [BindProperty(SupportsGet = true)]
    public OrderType? Type { get; set; }

    public IReadOnlyList<Order> Orders { get; private set; } = [];

    public IReadOnlyList<ServiceCall> Calls { get; private set; } = [];

    /// <summary>The answer to a background action, shown on the board.</summary>
    public string? Flash { get; private set; }

    public DateTime NowUtc => lounge.UtcNow;

    public IEnumerable<Order> InColumn(OrderStatus status) =>
        Orders.Where(o => o.Status == status).OrderBy(o => o.Type == OrderType.Pickup && o.PickupAtUtc is { } at ? at : o.CreatedAtUtc).ThenBy(o => o.Id);

    public IEnumerable<Order> Finished => Orders.Where(o => !Columns.Contains(o.Status)).OrderByDescending(o => o.Id);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetBoardAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_Board", this);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var (from, to) = lounge.CurrentBusinessDayUtc;
        var all = await orders.ForBusinessDayAsync(from, to, ct);
        Orders = [.. all.Where(o => Type is null || o.Type == Type)];
        Calls = await visits.OpenCallsAsync(ct);
    }

    public IReadOnlyList<OrderAction> ActionsFor(Order order) =>
        new OrderLifecycle(new Order { Status = order.Status, CustomerId = order.CustomerId }, Actor.Staff(0, "")).AvailableActions;

    public DateTime Local(DateTime utc) => lounge.ToLocal(utc);

    /// <summary>"7 мин", "1 ч 05 мин": how long a card has been waiting.</summary>
    public static string Waiting(TimeSpan span) => span.TotalMinutes < 1 ? "только что"
        : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} мин"
        : $"{(int)span.TotalHours} ч {span.Minutes:00} мин";

    public async Task<IActionResult> OnPostMoveAsync(int id, OrderAction action, string? reason, CancellationToken ct)
    {
        var actor = Actor.Staff(int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture), User.FindFirstValue(ClaimTypes.GivenName) ?? "");
        // A value that does not bind (a forged "action") must not fall back to the enum's first member.
        var result = ModelState.IsValid && Enum.IsDefined(action) ? await orders.ChangeStatusAsync(id, action, actor, reason, ct) : new OrderResult(OrderError.NotAllowed);
        return await AnswerAsync(result.Error switch
        {
            OrderError.None => $"Заказ №{id}: {OrderTexts.Status(result.Order!.Status)}. Гость получит уведомление.",
            OrderError.ReasonRequired => $"Заказ №{id}: укажите причину отказа — её увидит гость. Ничего не изменено.",
            OrderError.NotFound => "Заказ не найден. Ничего не изменено.",
            _ => $"Так нельзя: заказ №{id} сейчас «{OrderTexts.Status(result.Order?.Status ?? OrderStatus.New)}». Ничего не изменено.",
        }, ct);
    }

    public async Task<IActionResult> OnPostCallAsync(int id, ServiceCallStatus to, CancellationToken ct)
    {
        var result = ModelState.IsValid && Enum.IsDefined(to) && to != ServiceCallStatus.New
            ? await visits.AdvanceCallAsync(id, to, User.FindFirstValue(ClaimTypes.GivenName) ?? "", ct)
            : new CallResult(VisitError.NotAllowed);
        return await AnswerAsync(result.Error == VisitError.None ? "Вызов обновлён." : "Этот вызов уже принят или выполнен. Ничего не изменено.", ct);
    }

    /// <summary>A background post gets the fresh board; a plain form post is redirected back (post/redirect/get).</summary>
    private async Task<IActionResult> AnswerAsync(string flash, CancellationToken ct)
    {
        if (Request.Headers.ContainsKey(BoardHeader))
        {
            Flash = flash;
            await LoadAsync(ct);
            return Partial("_Board", this);
        }

        TempData["Flash"] = flash;
        return RedirectToPage(new { Type });
    }
}

public static class OrderTexts
{
    public static string Status(OrderStatus status) => Core.Staff.StaffWording.Status(status);

    public static string Column(OrderStatus status) => status switch
    {
        OrderStatus.New => "Новые",
        OrderStatus.Accepted => "Приняты",
        OrderStatus.Preparing => "Готовятся",
        _ => "Готовы",
    };

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
