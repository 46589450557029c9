using HookahLounge.Core.Analytics;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Tests.Bookings;
using HookahLounge.Core.Visits;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.Analytics;

public sealed class LoungeAnalyticsTests
{
    private static readonly AnalyticsRange Week = new(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 23));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Orders_land_on_the_business_day_of_their_night_and_add_up_by_day_week_type_item_and_option(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        var fixture = await AnalyticsFixture.CreateAsync(host.Database);

        var report = await host.WithAsync(s => s.GetRequiredService<LoungeAnalytics>().OrdersAsync(Week));

        report.Total.Should().Be(new PeriodFigures("Итого", 5, 5800m));
        report.Total.AverageCheck.Should().Be(1160m);
        report.Days.Select(d => (d.Label, d.Orders, d.Revenue)).Should().Equal(
            ("2026-11-20", 2, 2400m), // 21:00 and 01:30 the next morning
            ("2026-11-21", 1, 2400m), // the declined order does not count
            ("2026-11-22", 1, 550m), // Monday 05:59 is still Sunday's night
            ("2026-11-23", 1, 450m));
        report.Weeks.Select(w => (w.Label, w.Orders, w.Revenue)).Should().Equal(("2026-11-16", 4, 5350m), ("2026-11-23", 1, 450m));
        report.ByType.Select(t => (t.Label, t.Orders, t.Revenue)).Should().Equal(
            (nameof(OrderType.AtTable), 2, 2400m), (nameof(OrderType.ToBooking), 1, 2400m), (nameof(OrderType.Pickup), 2, 1000m));
        report.TopItems[0].Should().Be(new ItemFigures("Кальян классический", 3, 4200m));
        report.TopItems.Select(i => i.Name).Should().BeEquivalentTo(["Кальян классический", "Пуэр", "Лимонад", "Кофе"]);
        report.TopOptions.Should().Contain(new OptionFigures("Табак", fixture.Tobacco, 3))
            .And.Contain(new OptionFigures("Крепость", fixture.Light, 1))
            .And.Contain(new OptionFigures("Крепость", fixture.Strong, 2));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Guests_bookings_heatmap_and_service_calls_are_counted_by_hand(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        var fixture = await AnalyticsFixture.CreateAsync(host.Database);
        var analytics = (Func<IServiceProvider, LoungeAnalytics>)(s => s.GetRequiredService<LoungeAnalytics>());

        var guests = await host.WithAsync(s => analytics(s).GuestsAsync(Week));
        guests.Active.Should().Be(3);
        guests.New.Should().Be(2);
        guests.Returning.Should().Be(1, "Boris ordered on 1 November");
        guests.Repeat.Should().Be(2);
        guests.TopGuests.Select(g => (g.CustomerId, g.Spent)).Should().Equal((fixture.Anna, 4200m), (fixture.Vera, 1000m), (fixture.Boris, 600m));

        var bookings = await host.WithAsync(s => analytics(s).BookingsAsync(Week));
        bookings.Bookings.Should().Be(4);
        bookings.CancellationRate.Should().Be(0.25);
        bookings.NoShowRate.Should().Be(0.25);
        bookings.BySource.Select(s => (s.Source, s.Bookings)).Should().Equal(
            (BookingSource.Site, 1), (BookingSource.Bot, 1), (BookingSource.Admin, 1), (BookingSource.Phone, 1));
        bookings.HeatmapHours[0].Should().Be(6, "the business day starts at 06:00");
        int Load(int mondayFirst, int hour) => bookings.Heatmap[mondayFirst, bookings.HeatmapHours.ToList().IndexOf(hour)];
        Load(4, 23).Should().Be(1);
        Load(4, 0).Should().Be(1, "Friday's 23:00–01:00 booking holds the table past midnight on Friday's row");
        Load(5, 0).Should().Be(0);
        Load(4, 1).Should().Be(0, "it ends at 01:00");
        Load(5, 20).Should().Be(1);
        Load(5, 21).Should().Be(1);
        Load(5, 22).Should().Be(0);
        Load(6, 19).Should().Be(0, "no-shows and cancellations are no load");
        bookings.Heatmap.Cast<int>().Sum().Should().Be(4);

        var coals = bookings.ServiceCalls.Single(c => c.Kind == ServiceCallKind.ChangeCoals);
        coals.Should().Be(new ServiceCallFigures(ServiceCallKind.ChangeCoals, 2, 2, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(4)));
        bookings.ServiceCalls.Single(c => c.Kind == ServiceCallKind.Bill).Should().Be(new ServiceCallFigures(ServiceCallKind.Bill, 1, 0, null, null));
    }

    [Fact]
    public async Task A_night_with_the_summer_time_change_stays_one_business_day()
    {
        await using var host = await BookingHost.StartAsync(moscowNow: new DateTime(2027, 3, 30, 12, 0, 0), settings: new() { ["Lounge:TimeZone"] = "Europe/Berlin" });
        await using (var db = host.Database.CreateContext())
        {
            var guest = new Customer { Name = "Гость", CreatedAtUtc = new DateTime(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc) };
            db.Customers.Add(guest);
            await db.SaveChangesAsync();
            foreach (var utc in new[] { (3, 27, 22, 30), (3, 28, 1, 30), (3, 28, 3, 59), (3, 28, 4, 0) })
            {
                db.Orders.Add(new Order { CustomerId = guest.Id, Status = OrderStatus.Completed, Total = 100m, CreatedAtUtc = new DateTime(2027, utc.Item1, utc.Item2, utc.Item3, utc.Item4, 0, DateTimeKind.Utc) });
            }

            await db.SaveChangesAsync();
        }

        var report = await host.WithAsync(s => s.GetRequiredService<LoungeAnalytics>().OrdersAsync(new AnalyticsRange(new DateOnly(2027, 3, 27), new DateOnly(2027, 3, 28))));

        // Berlin 23:30 CET, 03:30 and 05:59 CEST belong to Saturday's night; 06:00 CEST starts Sunday.
        report.Days.Select(d => (d.Label, d.Orders)).Should().Equal(("2027-03-27", 3), ("2027-03-28", 1));
    }
}

/// <summary>A hand-counted week (Moscow, UTC+3): orders, bookings and service calls around midnight and the 06:00 cut-off.</summary>
internal sealed record AnalyticsFixture(int Anna, int Boris, int Vera, string Tobacco, string Light, string Strong)
{
    private static DateTime Msk(int month, int day, int hour, int minute = 0) => new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-3);

    public static async Task<AnalyticsFixture> CreateAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var tobaccoGroup = await db.MenuOptionGroups.Include(g => g.Values).FirstAsync(g => g.Name == "Табак");
        var strengthGroup = await db.MenuOptionGroups.Include(g => g.Values).FirstAsync(g => g.Name == "Крепость");
        var tobacco = tobaccoGroup.Values.OrderBy(v => v.Id).First();
        var (light, strong) = (strengthGroup.Values.OrderBy(v => v.Id).First(), strengthGroup.Values.OrderBy(v => v.Id).Last());
        var tables = await db.Tables.OrderBy(t => t.Number).Take(3).ToListAsync();

        Customer Guest(string name) => new() { Name = name, CreatedAtUtc = Msk(10, 1, 12) };
        var (anna, boris, vera) = (Guest("Анна"), Guest("Борис"), Guest("Вера"));
        db.Customers.AddRange(anna, boris, vera);
        await db.SaveChangesAsync();

        Order Ordered(Customer who, DateTime at, OrderType type, OrderStatus status, params OrderLine[] lines) => new()
        {
            CustomerId = who.Id, CreatedAtUtc = at, Type = type, Status = status, Lines = [.. lines], Total = lines.Sum(l => l.UnitPrice * l.Quantity),
        };

        OrderLine Line(string name, decimal price, int quantity = 1, string? options = null) => new() { ItemName = name, UnitPrice = price, Quantity = quantity, OptionValueIds = options };

        db.Orders.AddRange(
            Ordered(boris, Msk(11, 1, 20), OrderType.AtTable, OrderStatus.Completed, Line("Пуэр", 700m)),
            Ordered(anna, Msk(11, 20, 21), OrderType.AtTable, OrderStatus.Completed, Line("Кальян классический", 1800m, 1, $"{tobacco.Id},{light.Id}")),
            Ordered(boris, Msk(11, 21, 1, 30), OrderType.AtTable, OrderStatus.Completed, Line("Пуэр", 600m)),
            Ordered(anna, Msk(11, 21, 20), OrderType.ToBooking, OrderStatus.Accepted, Line("Кальян классический", 1200m, 2, $"{tobacco.Id},{strong.Id}")),
            Ordered(boris, Msk(11, 21, 22), OrderType.AtTable, OrderStatus.Declined, Line("Кальян классический", 5000m)),
            Ordered(vera, Msk(11, 23, 5, 59), OrderType.Pickup, OrderStatus.Completed, Line("Лимонад", 550m)),
            Ordered(vera, Msk(11, 23, 6, 0), OrderType.Pickup, OrderStatus.Completed, Line("Кофе", 450m)));

        Booking Book(string code, int table, DateTime start, int minutes, BookingSource source, BookingStatus status) => new()
        {
            Code = code, GuestName = "Гость", GuestPhone = "+79160000000", PartySize = 2, StartUtc = start, EndUtc = start.AddMinutes(minutes),
            TableId = tables[table].Id, Source = source, Status = status, CreatedAtUtc = start.AddDays(-2),
        };

        db.Bookings.AddRange(
            Book("ANL001", 0, Msk(11, 20, 23), 120, BookingSource.Site, BookingStatus.Completed),
            Book("ANL002", 0, Msk(11, 21, 20), 120, BookingSource.Bot, BookingStatus.Confirmed),
            Book("ANL003", 1, Msk(11, 21, 20, 30), 120, BookingSource.Admin, BookingStatus.Cancelled),
            Book("ANL004", 2, Msk(11, 22, 19), 120, BookingSource.Phone, BookingStatus.NoShow));

        var visit = new Visit { CustomerId = anna.Id, TableId = tables[0].Id, OpenedAtUtc = Msk(11, 21, 21), ClosedAtUtc = Msk(11, 21, 23) };
        db.Visits.Add(visit);
        await db.SaveChangesAsync();
        db.ServiceCalls.AddRange(
            new ServiceCall { VisitId = visit.Id, Kind = ServiceCallKind.ChangeCoals, Status = ServiceCallStatus.Done, CreatedAtUtc = Msk(11, 21, 21, 10), AcceptedAtUtc = Msk(11, 21, 21, 12) },
            new ServiceCall { VisitId = visit.Id, Kind = ServiceCallKind.ChangeCoals, Status = ServiceCallStatus.Accepted, CreatedAtUtc = Msk(11, 21, 21, 30), AcceptedAtUtc = Msk(11, 21, 21, 34) },
            new ServiceCall { VisitId = visit.Id, Kind = ServiceCallKind.Bill, Status = ServiceCallStatus.New, CreatedAtUtc = Msk(11, 21, 22) });
        await db.SaveChangesAsync();
        return new AnalyticsFixture(anna.Id, boris.Id, vera.Id, tobacco.Name, light.Name, strong.Name);
    }
}
