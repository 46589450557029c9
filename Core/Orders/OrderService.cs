using System.Globalization;
using System.Net;
using System.Text;
using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Notifications;
using HookahLounge.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Orders;

public enum OrderError
{
    None,
    NotFound,
    NotAllowed,
    ReasonRequired,
    Empty,
    BadQuantity,
    ItemUnavailable,
    TableUnknown,
    BookingUnknown,
    OptionsInvalid,
    PickupTimeInvalid,
}

public sealed record OrderResult(OrderError Error, Order? Order = null, string? Detail = null)
{
    public bool Succeeded => Error == OrderError.None;
}

/// <summary>One line as the guest composed it: the item, how many, and the option values picked.</summary>
public sealed record OrderLineRequest(int MenuItemId, int Quantity, IReadOnlyList<int>? OptionValueIds = null);

public sealed record PlaceOrder(
    int CustomerId,
    OrderType Type,
    IReadOnlyList<OrderLineRequest> Lines,
    int? TableNumber = null,
    int? BookingId = null,
    string? Comment = null,
    string? IdempotencyKey = null,
    DateTime? PickupAtUtc = null);

/// <summary>Order use cases: placing an order and moving it through its lifecycle, each with its notifications.</summary>
public sealed class OrderService(LoungeDbContext db, Notifier notifier, LoungeProfile lounge, TimeProvider time, StopListMisses stopList)
{
    public const int MaxQuantity = 20;

    /// <summary>A takeaway needs at least this long to prepare.</summary>
    public const int MinPickupLeadMinutes = 15;

    /// <summary>
    /// Pickup times a guest can choose: every half hour from the earliest ready time, only while the lounge
    /// is open, at most <paramref name="count"/> of them (within the next two days).
    /// </summary>
    public IReadOnlyList<DateTime> PickupChoicesUtc(int count = 8)
    {
        var earliest = lounge.LocalNow.AddMinutes(MinPickupLeadMinutes);
        var start = new DateTime(earliest.Year, earliest.Month, earliest.Day, earliest.Hour, earliest.Minute / 15 * 15, 0).AddMinutes(earliest.Minute % 15 == 0 ? 0 : 15);
        var choices = new List<DateTime>();
        for (var local = start; choices.Count < count && local < start.AddDays(2); local = local.AddMinutes(choices.Count == 0 ? 15 : 30))
        {
            if (lounge.Hours.IsOpenAt(local) && !lounge.TimeZone.IsInvalidTime(local))
            {
                choices.Add(lounge.ToUtc(local));
            }
        }

        return choices;
    }

    private bool PickupTimeOk(DateTime? pickupUtc) =>
        pickupUtc is { } at
        && at >= lounge.UtcNow.AddMinutes(MinPickupLeadMinutes - 1)
        && at <= lounge.UtcNow.AddDays(2)
        && lounge.Hours.IsOpenAt(lounge.ToLocal(at));

    /// <summary>
    /// Places an order with price snapshots, tells the guest it was received and alerts the staff chat.
    /// The same idempotency key twice yields the first order, not a second one.
    /// </summary>
    public async Task<OrderResult> PlaceAsync(PlaceOrder command, CancellationToken ct = default)
    {
        if (command.IdempotencyKey is { } idempotencyKey
            && await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.IdempotencyKey == idempotencyKey, ct) is { } existing)
        {
            return new(OrderError.None, existing);
        }

        if (command.Lines.Count == 0)
        {
            return new(OrderError.Empty);
        }

        if (command.Lines.Any(l => l.Quantity is < 1 or > MaxQuantity))
        {
            return new(OrderError.BadQuantity);
        }

        var customer = await db.Customers.SingleAsync(c => c.Id == command.CustomerId, ct);
        var ids = command.Lines.Select(l => l.MenuItemId).Distinct().ToList();
        var items = await db.MenuItems.Include(i => i.Category).Include(i => i.OptionGroups).ThenInclude(g => g.Values)
            .AsSplitQuery().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var unavailable = ids.Where(id => !items.TryGetValue(id, out var item) || !item.IsAvailable || item.IsArchived || item.Category is not { IsVisible: true, IsArchived: false }).ToList();
        if (unavailable.Count > 0)
        {
            await RecordStopListMissesAsync(customer.Id, command, items, ct);
            var names = unavailable.Select(id => items.TryGetValue(id, out var item) ? item.DisplayName(customer.Language) : $"#{id}");
            return new(OrderError.ItemUnavailable, Detail: string.Join(", ", names));
        }

        // Prices and options are checked now, on the server, whatever the guest's screen showed earlier.
        var priced = new List<(OrderLineRequest Line, PricedChoice Price)>();
        foreach (var line in command.Lines)
        {
            var price = MenuPricing.Price(items[line.MenuItemId], line.OptionValueIds ?? []);
            if (price.Problem is not null)
            {
                // The line keeps Russian names for staff; the refusal goes to the guest, in the guest's language.
                var item = items[line.MenuItemId];
                var problem = MenuPricing.Price(item, line.OptionValueIds ?? [], customer.Language).Problem!;
                if (problem.StartsWith("sold-out:", StringComparison.Ordinal))
                {
                    await RecordStopListMissesAsync(customer.Id, command, items, ct);
                }

                return problem.StartsWith("sold-out:", StringComparison.Ordinal)
                    ? new(OrderError.ItemUnavailable, Detail: $"{item.DisplayName(customer.Language)} ({problem["sold-out:".Length..]})")
                    : new(OrderError.OptionsInvalid, Detail: item.DisplayName(customer.Language));
            }

            priced.Add((line, price));
        }

        if (command.Type == OrderType.Pickup && !PickupTimeOk(command.PickupAtUtc))
        {
            return new(OrderError.PickupTimeInvalid);
        }

        int? tableId = null;
        int? visitId = null;
        if (command.Type == OrderType.AtTable)
        {
            var visit = await db.Visits.Where(v => v.CustomerId == customer.Id && v.ClosedAtUtc == null).OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);
            if (command.TableNumber is { } number)
            {
                tableId = await db.Tables.Where(t => t.Number == number && t.IsActive).Select(t => (int?)t.Id).SingleOrDefaultAsync(ct);
                if (tableId is null)
                {
                    return new(OrderError.TableUnknown);
                }
            }
            else
            {
                tableId = visit?.TableId;
            }

            // An order to the table the guest is sitting at joins the visit's bill.
            visitId = visit is not null && visit.TableId == tableId ? visit.Id : null;
        }

        if (command.Type == OrderType.ToBooking
            && (command.BookingId is not { } bookingId || !await db.Bookings.AnyAsync(b => b.Id == bookingId && b.CustomerId == customer.Id, ct)))
        {
            return new(OrderError.BookingUnknown);
        }

        var order = new Order
        {
            CustomerId = customer.Id,
            Type = command.Type,
            TableId = tableId,
            BookingId = command.Type == OrderType.ToBooking ? command.BookingId : null,
            VisitId = visitId,
            PickupAtUtc = command.Type == OrderType.Pickup ? command.PickupAtUtc : null,
            Comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim(),
            IdempotencyKey = command.IdempotencyKey,
            Status = OrderStatus.New,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            Lines = [.. priced.Select(p => new OrderLine
            {
                MenuItemId = p.Line.MenuItemId,
                ItemName = items[p.Line.MenuItemId].Name,
                OptionsSummary = p.Price.Summary,
                OptionValueIds = p.Line.OptionValueIds is { Count: > 0 } chosen ? string.Join(',', chosen.Order()) : null,
                UnitPrice = p.Price.UnitPrice,
                Quantity = p.Line.Quantity,
            })],
        };
        order.Total = order.Lines.Sum(l => l.UnitPrice * l.Quantity);
        db.Orders.Add(order);

        // The id is needed for the texts and the buttons.
        await db.SaveChangesAsync(ct);
        await notifier.ToGuestAsync(customer, null, $"order:{order.Id}:placed", language => GuestCard(order, language, null), ct: ct, thread: GuestThread(order));
        await notifier.ToStaffAsync($"order:{order.Id}:staff-new", await StaffTextAsync(order, null, ct), StaffButtons(order), ct, StaffThread(order));
        await db.SaveChangesAsync(ct);
        return new(OrderError.None, order);
    }

    /// <summary>Everything in a refused cart that was on the stop-list counts as a miss, not only the part the guest is told about.</summary>
    private async Task RecordStopListMissesAsync(int customerId, PlaceOrder command, Dictionary<int, MenuItem> items, CancellationToken ct)
    {
        foreach (var line in command.Lines)
        {
            if (items.TryGetValue(line.MenuItemId, out var item) && item.Category?.IsVisible == true)
            {
                await stopList.RecordAsync(customerId, item, line.OptionValueIds ?? [], StopListStage.Checkout, ct);
            }
        }
    }

    /// <summary>The guest's one live card per order: what was ordered and where it stands now.</summary>
    private string GuestCard(Order order, string language, string? reason)
    {
        var status = order.Status switch
        {
            OrderStatus.New => notifier.Text(language, "Order.Placed", order.Id),
            OrderStatus.Ready when order.Type == OrderType.Pickup => notifier.Text(language, "Order.ReadyPickup", order.Id),
            var other => notifier.Text(language, $"Order.{other}", order.Id, Html(reason ?? "")),
        };
        var lines = string.Join("\n", order.Lines.Select(l => $"• {Html(l.ItemName)} × {l.Quantity}"));
        return $"{status}\n{lines}\n{notifier.Text(language, "Order.Sum", Rubles.Format(order.Total))}";
    }

    private static string GuestThread(Order order) => $"order:{order.Id}:guest";

    private static string StaffThread(Order order) => $"order:{order.Id}:staff";

    /// <summary>Orders placed within a business day, for the staff's board.</summary>
    public Task<List<Order>> ForBusinessDayAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct = default) =>
        db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Customer).Include(o => o.Table).Include(o => o.Booking)
            .Where(o => o.CreatedAtUtc >= fromUtc && o.CreatedAtUtc < toUtc)
            .OrderByDescending(o => o.Id).AsSplitQuery().ToListAsync(ct);

    public async Task<(Order? Order, List<OrderStatusChange> History)> DetailsAsync(int orderId, CancellationToken ct = default)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Customer).Include(o => o.Table).Include(o => o.Booking)
            .AsSplitQuery().SingleOrDefaultAsync(o => o.Id == orderId, ct);
        var history = await db.OrderStatusChanges.AsNoTracking().Where(c => c.OrderId == orderId).OrderBy(c => c.Id).ToListAsync(ct);
        return (order, history);
    }

    /// <summary>The guest's last order as lines to put in a new cart ("repeat last order").</summary>
    public async Task<IReadOnlyList<OrderLineRequest>> LastOrderLinesAsync(int customerId, CancellationToken ct = default)
    {
        var last = await db.Orders.AsNoTracking().Include(o => o.Lines)
            .Where(o => o.CustomerId == customerId).OrderByDescending(o => o.Id).FirstOrDefaultAsync(ct);
        return last is null
            ? []
            : [.. last.Lines.Where(l => l.MenuItemId is not null).Select(l => new OrderLineRequest(
                l.MenuItemId!.Value,
                l.Quantity,
                l.OptionValueIds is { Length: > 0 } ids ? [.. ids.Split(',').Select(i => int.Parse(i, CultureInfo.InvariantCulture))] : []))];
    }

    /// <summary>Applies a lifecycle action; refused actions change nothing and say why.</summary>
    public async Task<OrderResult> ChangeStatusAsync(int orderId, OrderAction action, Actor actor, string? reason = null, CancellationToken ct = default)
    {
        var order = await db.Orders.Include(o => o.Customer).SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return new(OrderError.NotFound);
        }

        if (action == OrderAction.Decline && string.IsNullOrWhiteSpace(reason))
        {
            return new(OrderError.ReasonRequired, order);
        }

        var lifecycle = new OrderLifecycle(order, actor);
        if (!lifecycle.CanApply(action))
        {
            return new(OrderError.NotAllowed, order, order.Status.ToString());
        }

        var from = order.Status;
        lifecycle.Apply(action);
        order.Version++;
        db.Add(new OrderStatusChange
        {
            OrderId = order.Id,
            From = from,
            To = order.Status,
            ByKind = actor.Kind,
            ByStaffUserId = actor.StaffUserId,
            ByName = actor.Name,
            Reason = reason?.Trim(),
            AtUtc = time.GetUtcNow().UtcDateTime,
        });
        var status = order.Status;
        await db.Entry(order).Collection(o => o.Lines).LoadAsync(ct);
        await notifier.ToGuestAsync(order.Customer, null, $"order:{order.Id}:{status}", language => GuestCard(order, language, reason), ct: ct, thread: GuestThread(order));
        if (status == OrderStatus.Ready)
        {
            // The card is edited silently; a short new message makes the phone buzz when it matters.
            await notifier.ToGuestAsync(order.Customer, null, $"order:{order.Id}:ready-alert",
                language => notifier.Text(language, order.Type == OrderType.Pickup ? "Order.ReadyPickup" : "Order.Ready", order.Id), ct: ct);
        }

        var who = actor.Kind == ActorKind.Guest ? "гость" : actor.Name ?? "система";
        var staffLine = $"Статус: <b>{StaffWording.Status(status)}</b> — {Html(who)}, {lounge.LocalNow:HH:mm}{(string.IsNullOrWhiteSpace(reason) ? "" : $" ({Html(reason.Trim())})")}";
        await notifier.ToStaffAsync($"order:{order.Id}:staff:{status}", await StaffTextAsync(order, staffLine, ct), StaffButtons(order), ct, StaffThread(order));
        if (actor.Kind == ActorKind.Guest)
        {
            await notifier.ToStaffAsync($"order:{order.Id}:staff-guest:{status}", $"⚠️ Гость отменил заказ №{order.Id}.", [], ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone else moved this order at the same moment (version or notification key clash): theirs stands.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is Order or OrderStatusChange or OutboxMessage).ToList())
            {
                entry.State = EntityState.Detached;
            }

            var current = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, ct);
            return new(OrderError.NotAllowed, current, current.Status.ToString());
        }

        return new(OrderError.None, order);
    }

    /// <summary>The staff-chat buttons that still apply to the order's current status.</summary>
    public static IReadOnlyList<IReadOnlyList<ActionButton>> StaffButtons(Order order) => order.Status switch
    {
        OrderStatus.New => [[new("✅ Принять", $"staff:order:accept:{order.Id}"), new("❌ Отклонить", $"staff:order:decline:{order.Id}")]],
        OrderStatus.Accepted => [[new("🔥 Готовится", $"staff:order:prepare:{order.Id}"), new("💨 Готов", $"staff:order:ready:{order.Id}")]],
        OrderStatus.Preparing => [[new("💨 Готов", $"staff:order:ready:{order.Id}")]],
        OrderStatus.Ready => [[new(order.Type == OrderType.Pickup ? "✔️ Выдан" : "✔️ Подан", $"staff:order:complete:{order.Id}")]],
        _ => [],
    };

    private async Task<string> StaffTextAsync(Order order, string? statusLine, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == order.CustomerId, ct);
        var table = order.TableId is { } tableId ? await db.Tables.AsNoTracking().Where(t => t.Id == tableId).Select(t => (int?)t.Number).SingleAsync(ct) : null;
        var booking = order.BookingId is { } bookingId ? await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, ct) : null;
        var where = order.Type switch
        {
            OrderType.AtTable => table is null ? "к столу" : $"к столу {table}",
            OrderType.ToBooking when booking is not null => $"к брони {Html(booking.Code)} на {lounge.ToLocal(booking.StartUtc).ToString("d MMMM, HH:mm", CultureInfo.GetCultureInfo(Notifier.StaffLanguage))}",
            OrderType.ToBooking => "к брони",
            _ => $"с собой к {lounge.ToLocal(order.PickupAtUtc ?? order.CreatedAtUtc):HH:mm}",
        };
        var text = new StringBuilder($"{(statusLine is null ? "🆕 " : "")}<b>Заказ №{order.Id}</b> · {where}\n");
        foreach (var line in order.Lines)
        {
            text.Append(CultureInfo.InvariantCulture, $"• {Html(line.ItemName)} × {line.Quantity} — {Rubles.Format(line.UnitPrice * line.Quantity)}\n");
            if (line.OptionsSummary is { } options)
            {
                text.Append($"  <i>{Html(options)}</i>\n");
            }
        }

        text.Append($"Итого: <b>{Rubles.Format(order.Total)}</b>\n");
        var who = customer.Name ?? "гость";
        text.Append($"Гость: {Html(who)}{(customer.TelegramUsername is { } u ? $" (@{Html(u)})" : "")}{(customer.Phone is { } p ? $", {Html(p)}" : "")}");
        text.Append(customer.StaffRemarks());
        if (order.Comment is { } comment)
        {
            text.Append($"\n💬 {Html(comment)}");
        }

        if (statusLine is not null)
        {
            text.Append($"\n\n{statusLine}");
        }

        return text.ToString();
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
