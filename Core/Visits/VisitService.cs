using HookahLounge.Core.Data;
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

public sealed record CallResult(VisitError Error, ServiceCall? Call = null, bool AlreadyOpen = false);

public sealed record VisitBill(Visit Visit, int TableNumber, IReadOnlyList<Order> Orders)
{
    /// <summary>What the guest owes: everything not declined or cancelled.</summary>
    public decimal Total => Orders.Where(o => o.Status is not (OrderStatus.Declined or OrderStatus.Cancelled)).Sum(o => o.Total);
}

/// <summary>
/// Visits at a table: opened by the table's QR code, collecting later orders into one bill, and the one-tap
/// service calls staff see in their chat and on the board. An identical call while one is open is not repeated.
/// </summary>
public sealed class VisitService(LoungeDbContext db, Notifier notifier, TimeProvider time)
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
        return new(VisitError.None, same, table.Number);
    }

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
        return new VisitBill(visit, visit.Table!.Number, orders);
    }

    public async Task<VisitResult> EndAsync(int customerId, CancellationToken ct = default)
    {
        var visit = await db.Visits.Where(v => v.CustomerId == customerId && v.ClosedAtUtc == null).OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);
        if (visit is null)
        {
            return new(VisitError.NoOpenVisit);
        }

        visit.ClosedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new(VisitError.None, visit);
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

        var existing = await db.ServiceCalls.AsNoTracking()
            .FirstOrDefaultAsync(c => c.VisitId == visit.Id && c.Kind == kind && c.Status != ServiceCallStatus.Done, ct);
        if (existing is not null)
        {
            return new(VisitError.None, existing, AlreadyOpen: true);
        }

        var call = new ServiceCall { VisitId = visit.Id, Kind = kind, PaymentMethod = kind == ServiceCallKind.Bill ? payment ?? PaymentMethod.Card : null, CreatedAtUtc = time.GetUtcNow().UtcDateTime };
        db.ServiceCalls.Add(call);
        await db.SaveChangesAsync(ct);
        var what = kind switch
        {
            ServiceCallKind.ChangeCoals => "🔥 Поменять угли",
            ServiceCallKind.HookahMaster => "💨 Позвать кальянщика",
            ServiceCallKind.Waiter => "🙋 Позвать официанта",
            _ => $"🧾 Счёт ({(call.PaymentMethod == PaymentMethod.Cash ? "наличные" : "карта")})",
        };
        await notifier.ToStaffAsync($"call:{call.Id}:new", $"{what} — стол {visit.Table!.Number}",
            [[new("👌 Принято", $"staff:call:accept:{call.Id}"), new("✅ Готово", $"staff:call:done:{call.Id}")]], ct);
        await db.SaveChangesAsync(ct);
        return new(VisitError.None, call);
    }

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
        return closed;
    }
}
