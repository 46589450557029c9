using HookahLounge.Core.Bookings;
using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Analytics;

public sealed record OverviewNumbers(
    DateOnly BusinessDate,
    int BookingsToday,
    int GuestsExpectedToday,
    int OrdersToday,
    int OrdersAwaitingAction,
    int Customers,
    int TelegramCustomers,
    int PromoSubscribers,
    int PendingNotifications);

/// <summary>The numbers on the back-office front page, for the current business day.</summary>
public sealed class LoungeOverview(LoungeDbContext db, LoungeProfile lounge)
{
    public async Task<OverviewNumbers> GetAsync(CancellationToken ct = default)
    {
        // The night that is running or has just ended counts until the cut-off, even after closing.
        var (from, to) = lounge.CurrentBusinessDayUtc;
        var today = DateOnly.FromDateTime(lounge.ToLocal(from));
        var bookings = db.Bookings.Where(b => b.StartUtc >= from && b.StartUtc < to
                                              && b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.NoShow);
        var orders = db.Orders.Where(o => o.CreatedAtUtc >= from && o.CreatedAtUtc < to);
        return new OverviewNumbers(
            today,
            await bookings.CountAsync(ct),
            await bookings.SumAsync(b => (int?)b.PartySize, ct) ?? 0,
            await orders.CountAsync(ct),
            await orders.CountAsync(o => o.Status == OrderStatus.New, ct),
            await db.Customers.CountAsync(ct),
            await db.Customers.CountAsync(c => c.TelegramUserId != null, ct),
            await db.Customers.CountAsync(c => c.PromoOptIn, ct),
            await db.Outbox.CountAsync(m => m.Status == Notifications.OutboxStatus.Pending, ct));
    }
}
