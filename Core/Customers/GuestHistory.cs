using HookahLounge.Core.Bookings;
using HookahLounge.Core.Data;
using HookahLounge.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Customers;

public sealed record GuestHistoryView(IReadOnlyList<Booking> UpcomingBookings, IReadOnlyList<Order> RecentOrders)
{
    public bool IsEmpty => UpcomingBookings.Count == 0 && RecentOrders.Count == 0;
}

/// <summary>"My orders and bookings" for one guest.</summary>
public sealed class GuestHistory(LoungeDbContext db, TimeProvider time)
{
    public async Task<GuestHistoryView> ForCustomerAsync(int customerId, int recentOrders = 5, CancellationToken ct = default)
    {
        // A booking stays "upcoming" until it has ended, so a guest at the table still sees it.
        var now = time.GetUtcNow().UtcDateTime;
        var bookings = await db.Bookings.AsNoTracking()
            .Where(b => b.CustomerId == customerId && b.EndUtc > now
                        && b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.NoShow)
            .OrderBy(b => b.StartUtc)
            .Take(10)
            .ToListAsync(ct);
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.CreatedAtUtc)
            .Take(recentOrders)
            .ToListAsync(ct);
        return new(bookings, orders);
    }
}
