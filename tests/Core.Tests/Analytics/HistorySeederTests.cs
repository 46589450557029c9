using HookahLounge.Core.Analytics;
using HookahLounge.Core.Data.Seed;
using HookahLounge.Core.Tests.Bookings;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.Analytics;

public sealed class HistorySeederTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_seeded_year_lies_in_the_past_and_the_reports_add_it_up(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);

        var summary = await host.WithAsync(s => s.GetRequiredService<HistorySeeder>().SeedAsync(1200, seed: 7));

        summary.Orders.Should().Be(1200);
        summary.To.Should().Be(new DateOnly(2026, 11, 25));
        await using var db = host.Database.CreateContext();
        (await db.Orders.CountAsync()).Should().Be(1200);
        (await db.Bookings.CountAsync()).Should().Be(400);
        (await db.Orders.MaxAsync(o => o.CreatedAtUtc)).Should().BeBefore(new DateTime(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc).AddHours(1));
        (await db.OrderLines.CountAsync(l => l.OptionValueIds != null)).Should().BePositive();

        var range = new AnalyticsRange(summary.From, summary.To);
        var orders = await host.WithAsync(s => s.GetRequiredService<LoungeAnalytics>().OrdersAsync(range));
        var counted = await db.Orders.CountAsync(o => o.Status != HookahLounge.Core.Orders.OrderStatus.Declined && o.Status != HookahLounge.Core.Orders.OrderStatus.Cancelled);
        orders.Total.Orders.Should().Be(counted);
        orders.Days.Sum(d => d.Orders).Should().Be(counted);
        orders.TopOptions.Select(o => o.Group).Should().Contain("Табак");
        var bookings = await host.WithAsync(s => s.GetRequiredService<LoungeAnalytics>().BookingsAsync(range));
        bookings.Bookings.Should().Be(400);
        bookings.Heatmap.Cast<int>().Sum().Should().BePositive();
    }
}
