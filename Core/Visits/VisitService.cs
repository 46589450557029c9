using HookahLounge.Core.Data;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Notifications;
using HookahLounge.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Visits;

public enum VisitError
{
    None,
    TableUnknown,
    NoOpenVisit,
    NotFound,
    NotAllowed,
}

public sealed record VisitResult(VisitError Error, Visit? Visit = null, int? TableNumber = null);

/// <summary>
/// What a call came to. <see cref="AlreadyOpen"/>: the same call is still open (staff may not have seen it yet,
/// see the call's status); <see cref="PaymentChanged"/>: the open bill call now asks for another payment method.
/// </summary>
public sealed record CallResult(VisitError Error, ServiceCall? Call = null, bool AlreadyOpen = false, bool PaymentChanged = false);

public sealed record VisitBill(Visit Visit, int TableNumber, IReadOnlyList<Order> Orders, bool BillBrought = false)
{
    /// <summary>The orders that count towards the bill: everything not declined or cancelled.</summary>
    public IEnumerable<Order> Billed => Orders.Where(o => o.Status is not (OrderStatus.Declined or OrderStatus.Cancelled));

    /// <summary>What the guest owes.</summary>
    public decimal Total => Billed.Sum(o => o.Total);

    /// <summary>Nothing is owed, or staff have brought the bill (the bill call is done).</summary>
    public bool IsSettled => Total == 0 || BillBrought;
}

/// <summary>
/// Visits at a table: opened by the table's QR code, collecting later orders into one bill, and the one-tap
/// service calls staff see in their chat and on the board. An identical call while one is open is not repeated.
/// </summary>
public sealed class VisitService(LoungeDbContext db, Notifier notifier, TimeProvider time, OpenVisitsSeen seen)
{
    public async Task<VisitResult> OpenAtTableAsync(int customerId, int tableNumber, CancellationToken ct = default)
    {
        var table = await db.Tables.AsNoTracking().SingleOrDefaultAsync(t => t.Number == tableNumber && t.IsActive, ct);
        if (table is null)
        {
            return new(VisitError.TableUnknown);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var open = await db.Visits.Where(v => v.CustomerId == customerId && v.ClosedAtUtc == null).ToListAsync(ct);
        var same = open.FirstOrDefault(v => v.TableId == table.Id);
        foreach (var other in open.Where(v => v != same))
        {
            // Moved to another table: the old visit ends here.
            other.ClosedAtUtc = now;
        }

        if (same is null)
        {
            same = new Visit { CustomerId = customerId, TableId = table.Id, OpenedAtUtc = now };
            db.Visits.Add(same);
        }

        await db.SaveChangesAsync(ct);
        seen.Note(customerId, true);
        return new(VisitError.None, same, table.Number);
    }

    /// <summary>Whether the guest is at a table now (a visit is open).</summary>
    public async Task<bool> HasOpenAsync(int customerId, CancellationToken ct = default) =>
        seen.Find(customerId) ?? await db.Visits.AnyAsync(v => v.CustomerId == customerId && v.ClosedAtUtc == null, ct);

    public async Task<VisitBill?> CurrentAsync(int customerId, CancellationToken ct = default)
    {
        var visit = await db.Visits.AsNoTracking().Include(v => v.Table)
            .Where(v => v.CustomerId == customerId && v.ClosedAtUtc == null)
            .OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);
        if (visit is null)
        {
            return null;
        }

        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.VisitId == visit.Id).OrderBy(o => o.Id).ToListAsync(ct);
        var billBrought = await db.ServiceCalls.AnyAsync(c => c.VisitId == visit.Id && c.Kind == ServiceCallKind.Bill && c.Status == ServiceCallStatus.Done, ct);
        return new VisitBill(visit, visit.Table!.Number, orders, billBrought);
    }

    public async Task<VisitResult> EndAsync(int customerId, CancellationToken ct = default)
    {
        var visit = await db.Visits.Where(v => v.CustomerId == customerId && v.ClosedAtUtc == null).OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);
        if (visit is null)
        {
            return new(VisitError.NoOpenVisit);
        }

        visit.ClosedAtUtc = time.GetUtcNow().UtcDateTime;
        var table = await db.Tables.AsNoTracking().Where(t => t.Id == visit.TableId).Select(t => t.Number).SingleAsync(ct);
        var owed = await db.Orders.Where(o => o.VisitId == visit.Id && o.Status != OrderStatus.Declined && o.Status != OrderStatus.Cancelled).SumAsync(o => o.Total, ct);
        var billBrought = await db.ServiceCalls.AnyAsync(c => c.VisitId == visit.Id && c.Kind == ServiceCallKind.Bill && c.Status == ServiceCallStatus.Done, ct);
        var bill = owed == 0 ? "заказов нет" : $"счёт {Rubles.Format(owed)}{(billBrought ? "" : " — <b>счёт ещё не приносили</b>")}";
        await notifier.ToStaffAsync($"visit:{visit.Id}:ended", $"🚪 Стол {table}: гость завершил визит, {bill}.", [], ct);
        await db.SaveChangesAsync(ct);
        seen.Note(customerId, false);
        return new(VisitError.None, visit, table);
    }

    /// <summary>Calls staff to the guest's table; a second identical call while one is open only says it is on its way.</summary>
    public async Task<CallResult> CallAsync(int customerId, ServiceCallKind kind, PaymentMethod? payment = null, CancellationToken ct = default)
    {
        var visit = await db.Visits.Include(v => v.Table).Where(v => v.CustomerId == customerId && v.ClosedAtUtc == null)
            .OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);
        if (visit is null)
        {
            return new(VisitError.NoOpenVisit);
        }

        var existing = await db.ServiceCalls
            .FirstOrDefaultAsync(c => c.VisitId == visit.Id && c.Kind == kind && c.Status != ServiceCallStatus.Done, ct);
        if (existing is not null)
        {
            if (kind != ServiceCallKind.Bill || payment is null || existing.PaymentMethod == payment)
            {
                return new(VisitError.None, existing, AlreadyOpen: true);
            }

            // The guest changed their mind about how to pay: staff must know before they bring the terminal.
            existing.PaymentMethod = payment;
            await notifier.ToStaffAsync($"call:{existing.Id}:pay:{payment}:{time.GetUtcNow().UtcDateTime.Ticks}",
                $"💳 Стол {visit.Table!.Number}: гость сменил способ оплаты — {PaymentWording(payment.Value)}.", [], ct);
            await notifier.ToStaffAsync($"call:{existing.Id}:card:{payment}:{time.GetUtcNow().UtcDateTime.Ticks}",
                CallText(existing, visit.Table.Number), CallButtons(existing), ct, CallThread(existing));
            await db.SaveChangesAsync(ct);
            return new(VisitError.None, existing, AlreadyOpen: true, PaymentChanged: true);
        }

        var call = new ServiceCall { VisitId = visit.Id, Kind = kind, PaymentMethod = kind == ServiceCallKind.Bill ? payment ?? PaymentMethod.Card : null, CreatedAtUtc = time.GetUtcNow().UtcDateTime };
        db.ServiceCalls.Add(call);
        await db.SaveChangesAsync(ct);
        await notifier.ToStaffAsync($"call:{call.Id}:new", CallText(call, visit.Table!.Number), CallButtons(call), ct, CallThread(call));
        await db.SaveChangesAsync(ct);
        return new(VisitError.None, call);
    }

    private static string CallThread(ServiceCall call) => $"call:{call.Id}:staff";

    private static string PaymentWording(PaymentMethod method) => method == PaymentMethod.Cash ? "наличные" : "карта";

    /// <summary>The call as the staff chat shows it, with who took it once someone did.</summary>
    private static string CallText(ServiceCall call, int tableNumber)
    {
        var what = call.Kind switch
        {
            ServiceCallKind.ChangeCoals => "🔥 Поменять угли",
            ServiceCallKind.HookahMaster => "💨 Позвать кальянщика",
            ServiceCallKind.Waiter => "🙋 Позвать официанта",
            _ => $"🧾 Счёт ({PaymentWording(call.PaymentMethod ?? PaymentMethod.Card)})",
        };
        var state = call.Status switch
        {
            ServiceCallStatus.Accepted => $"\n\n👌 Принято — {System.Net.WebUtility.HtmlEncode(call.AcceptedBy ?? "")}",
            ServiceCallStatus.Done => $"\n\n✅ Готово — {System.Net.WebUtility.HtmlEncode(call.AcceptedBy ?? "")}",
            _ => "",
        };
        return $"{what} — стол {tableNumber}{state}";
    }

    private static IReadOnlyList<IReadOnlyList<ActionButton>> CallButtons(ServiceCall call) => call.Status switch
    {
        ServiceCallStatus.New => [[new("👌 Принято", $"staff:call:accept:{call.Id}"), new("✅ Готово", $"staff:call:done:{call.Id}")]],
        ServiceCallStatus.Accepted => [[new("✅ Готово", $"staff:call:done:{call.Id}")]],
        _ => [],
    };

    /// <summary>Staff take or finish a call: New → Accepted → Done (straight to Done is allowed too).</summary>
    public async Task<CallResult> AdvanceCallAsync(int callId, ServiceCallStatus to, string staffName, CancellationToken ct = default)
    {
        var call = await db.ServiceCalls.SingleOrDefaultAsync(c => c.Id == callId, ct);
        if (call is null)
        {
            return new(VisitError.NotFound);
        }

        if (to <= call.Status)
        {
            return new(VisitError.NotAllowed, call);
        }

        var now = time.GetUtcNow().UtcDateTime;
        call.AcceptedAtUtc ??= now;
        call.AcceptedBy ??= staffName;
        if (to == ServiceCallStatus.Done)
        {
            call.DoneAtUtc = now;
        }

        call.Status = to;
        var table = await db.Visits.Where(v => v.Id == call.VisitId).Select(v => v.Table!.Number).SingleAsync(ct);
        await notifier.ToStaffAsync($"call:{call.Id}:{to}", CallText(call, table), CallButtons(call), ct, CallThread(call));
        await db.SaveChangesAsync(ct);
        return new(VisitError.None, call);
    }

    public Task<List<ServiceCall>> OpenCallsAsync(CancellationToken ct = default) =>
        db.ServiceCalls.AsNoTracking().Include(c => c.Visit).ThenInclude(v => v!.Table)
            .Where(c => c.Status != ServiceCallStatus.Done).OrderBy(c => c.CreatedAtUtc).ToListAsync(ct);

    /// <summary>After closing time, visits with nothing still in the works end by themselves.</summary>
    public async Task<int> CloseIdleAsync(DateTime notOpenedAfterUtc, CancellationToken ct = default)
    {
        var visits = await db.Visits.Where(v => v.ClosedAtUtc == null && v.OpenedAtUtc < notOpenedAfterUtc).ToListAsync(ct);
        var busy = await db.Orders.Where(o => o.VisitId != null && (o.Status == OrderStatus.New || o.Status == OrderStatus.Accepted || o.Status == OrderStatus.Preparing || o.Status == OrderStatus.Ready))
            .Select(o => o.VisitId!.Value).Distinct().ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var closed = 0;
        foreach (var visit in visits.Where(v => !busy.Contains(v.Id)))
        {
            visit.ClosedAtUtc = now;
            closed++;
        }

        await db.SaveChangesAsync(ct);
        seen.Forget();
        return closed;
    }
}
