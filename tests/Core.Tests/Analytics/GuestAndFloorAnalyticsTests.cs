using HookahLounge.Core.Analytics;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Tests.Bookings;
using HookahLounge.Core.Visits;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.Analytics;

/// <summary>Stop-list misses, visit frequency, cohorts, seat utilisation and lead time against hand-counted fixtures.</summary>
public sealed class GuestAndFloorAnalyticsTests
{
    private static DateTime Msk(int year, int month, int day, int hour, int minute = 0) =>
        new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-3);

    private static DateTime Berlin(int month, int day, int hour, int minute, int utcOffset) =>
        new DateTime(2027, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-utcOffset);

    private static Func<IServiceProvider, LoungeAnalytics> Analytics => s => s.GetRequiredService<LoungeAnalytics>();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_guest_meeting_the_stop_list_in_the_menu_and_at_checkout_counts_once_per_item_and_business_day(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider, moscowNow: new DateTime(2026, 11, 26, 21, 0, 0));
        int anna, boris, hookahId, teaId, tobaccoId;
        await using (var db = host.Database.CreateContext())
        {
            var hookah = await db.MenuItems.Include(i => i.OptionGroups).ThenInclude(g => g.Values).FirstAsync(i => i.Name == "Классический");
            var tobacco = hookah.OptionGroups.Single(g => g.Name == "Табак").Values.OrderBy(v => v.SortOrder).First();
            var tea = await db.MenuItems.FirstAsync(i => i.Name.StartsWith("Пуэр"));
            tobacco.IsAvailable = false;
            tea.IsAvailable = false;
            var guests = new[] { new Customer { Name = "Анна", CreatedAtUtc = Msk(2026, 11, 1, 12) }, new Customer { Name = "Борис", CreatedAtUtc = Msk(2026, 11, 1, 12) } };
            db.Customers.AddRange(guests);
            await db.SaveChangesAsync();
            (anna, boris, hookahId, teaId, tobaccoId) = (guests[0].Id, guests[1].Id, hookah.Id, tea.Id, tobacco.Id);
        }

        Task<int> Tap(int customer, int item, params int[] values) => host.WithAsync(async s =>
        {
            var menuItem = (await s.GetRequiredService<MenuCatalog>().FindItemAsync(item))!;
            return await s.GetRequiredService<StopListMisses>().RecordAsync(customer, menuItem, values, StopListStage.Menu);
        });

        (await Tap(anna, teaId)).Should().Be(1, "the tea is on the stop-list");
        (await Tap(anna, teaId)).Should().Be(0, "the same guest, item and night count once");
        (await Tap(anna, hookahId)).Should().Be(0, "the hookah itself is in stock");
        host.Clock.SetUtcNow(Msk(2026, 11, 26, 22));
        (await Tap(boris, hookahId, tobaccoId)).Should().Be(1);

        // 01:30 is still Thursday's night: the checkout adds the tobacco for Anna, not the tea again.
        host.Clock.SetUtcNow(Msk(2026, 11, 27, 1, 30));
        var placed = await host.WithAsync(s => s.GetRequiredService<OrderService>().PlaceAsync(new PlaceOrder(
            anna, OrderType.Pickup, [new OrderLineRequest(hookahId, 1, [tobaccoId]), new OrderLineRequest(teaId, 1)], IdempotencyKey: "miss-1")));
        placed.Error.Should().Be(OrderError.ItemUnavailable);

        host.Clock.SetUtcNow(Msk(2026, 11, 27, 7));
        (await Tap(anna, teaId)).Should().Be(1, "07:00 starts Friday's business day");

        var report = await host.WithAsync(s => Analytics(s).StopListAsync(new AnalyticsRange(new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 27))));
        var tobaccoName = await host.WithAsync(async s => (await s.GetRequiredService<MenuCatalog>().FindItemAsync(hookahId))!.OptionGroups.SelectMany(g => g.Values).Single(v => v.Id == tobaccoId).Name);
        report.ByItem.Should().Equal(
            new StopListItemFigures("Классический", $"Табак: {tobaccoName}", 2, 1),
            new StopListItemFigures("Пуэр, чайник 0,8 л", null, 2, 0));
        report.ByDay.Should().Equal(
            new StopListDayFigures(new DateOnly(2026, 11, 26), "Классический", $"Табак: {tobaccoName}", 2),
            new StopListDayFigures(new DateOnly(2026, 11, 26), "Пуэр, чайник 0,8 л", null, 1),
            new StopListDayFigures(new DateOnly(2026, 11, 27), "Пуэр, чайник 0,8 л", null, 1));
        report.Misses.Should().Be(4);
        (await host.WithAsync(s => Analytics(s).StopListAsync(new AnalyticsRange(new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 27))))).Misses.Should().Be(1);
        await using var check = host.Database.CreateContext();
        (await check.Orders.CountAsync()).Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Visit_frequency_and_cohorts_place_each_visit_on_its_business_day_and_month(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        await using (var db = host.Database.CreateContext())
        {
            var table = await db.Tables.OrderBy(t => t.Number).FirstAsync();
            Customer Guest(string name) => new() { Name = name, CreatedAtUtc = Msk(2026, 9, 1, 12) };
            var (anna, boris, vera, gleb, dina, egor) = (Guest("Анна"), Guest("Борис"), Guest("Вера"), Guest("Глеб"), Guest("Дина"), Guest("Егор"));
            db.Customers.AddRange(anna, boris, vera, gleb, dina, egor);
            await db.SaveChangesAsync();
            void AtTable(Customer who, DateTime at) => db.Visits.Add(new Visit { CustomerId = who.Id, TableId = table.Id, OpenedAtUtc = at, ClosedAtUtc = at.AddHours(2) });
            var code = 0;
            void Booked(Customer who, DateTime at, BookingStatus status) => db.Bookings.Add(new Booking
            {
                Code = $"VF{++code:D4}", GuestName = who.Name!, PartySize = 2, StartUtc = at, EndUtc = at.AddHours(2), TableId = table.Id,
                CustomerId = who.Id, Status = status, Source = BookingSource.Bot, CreatedAtUtc = at.AddDays(-1),
            });

            AtTable(anna, Msk(2026, 9, 15, 20)); // before the range: Anna is in no cohort of it
            AtTable(anna, Msk(2026, 10, 10, 20));
            Booked(anna, Msk(2026, 11, 5, 21), BookingStatus.Completed);
            AtTable(boris, Msk(2026, 10, 3, 20));
            Booked(boris, Msk(2026, 10, 20, 19), BookingStatus.Completed);
            AtTable(boris, Msk(2026, 11, 1, 2)); // the night of 31 October
            AtTable(boris, Msk(2026, 11, 14, 22));
            AtTable(vera, Msk(2026, 10, 30, 21));
            AtTable(vera, Msk(2026, 11, 1, 3)); // still October's night
            AtTable(gleb, Msk(2026, 11, 2, 20));
            Booked(dina, Msk(2026, 11, 10, 20), BookingStatus.Seated);
            AtTable(dina, Msk(2026, 11, 12, 20));
            Booked(egor, Msk(2026, 10, 5, 20), BookingStatus.NoShow); // not a visit
            Booked(egor, Msk(2026, 10, 6, 20), BookingStatus.Cancelled);
            AtTable(gleb, Msk(2026, 11, 26, 7)); // after the range's last night
            await db.SaveChangesAsync();
        }

        var range = new AnalyticsRange(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 25));
        var frequency = await host.WithAsync(s => Analytics(s).VisitFrequencyAsync(range));

        frequency.Guests.Should().Be(5);
        frequency.Visits.Should().Be(11);
        frequency.Buckets.Select(b => (b.Label, b.Guests)).Should().Equal(("1", 1), ("2", 3), ("3", 0), ("4–5", 1), ("6–9", 0), ("10+", 0));
        frequency.GuestsWithGaps.Should().Be(4);
        frequency.AverageDaysBetweenVisits.Should().Be(10.8, "Anna 26 days, Boris 42 / 3 = 14, Vera 1 (30 → 31 October), Dina 2: 43 / 4 = 10.75");

        var cohorts = await host.WithAsync(s => Analytics(s).CohortsAsync(range));
        cohorts.Cohorts.Select(c => (c.Month, c.Guests)).Should().Equal((new DateOnly(2026, 10, 1), 2), (new DateOnly(2026, 11, 1), 2));
        cohorts.Cohorts[0].Returning.Should().Equal(2, 1);
        cohorts.Cohorts[0].Share(1).Should().Be(0.5, "of Boris and Vera (first came on the night of 31 October) only Boris came in November");
        cohorts.Cohorts[1].Returning.Should().Equal(2);
        cohorts.MaxMonthsAfter.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Seat_utilisation_and_lead_time_count_bookings_across_midnight_by_hand(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        await using (var db = host.Database.CreateContext())
        {
            var tables = await db.Tables.ToDictionaryAsync(t => t.Number, t => t.Id);
            var code = 0;
            void Book(int table, int party, DateTime start, int minutes, BookingStatus status, BookingSource source, TimeSpan madeBefore) => db.Bookings.Add(new Booking
            {
                Code = $"UT{++code:D4}", GuestName = "Гость", PartySize = party, StartUtc = start, EndUtc = start.AddMinutes(minutes),
                TableId = tables[table], Status = status, Source = source, CreatedAtUtc = start - madeBefore,
            });

            Book(7, 4, Msk(2026, 11, 20, 23), 120, BookingStatus.Completed, BookingSource.Bot, TimeSpan.FromDays(2));
            Book(8, 6, Msk(2026, 11, 21, 2), 120, BookingStatus.Seated, BookingSource.Phone, TimeSpan.FromMinutes(30)); // 23:00–01:00 UTC, Friday's night
            Book(1, 2, Msk(2026, 11, 21, 20), 180, BookingStatus.Confirmed, BookingSource.Site, TimeSpan.FromHours(5));
            Book(3, 3, Msk(2026, 11, 22, 19), 120, BookingStatus.Cancelled, BookingSource.Site, TimeSpan.FromDays(10));
            Book(4, 2, Msk(2026, 11, 23, 18), 120, BookingStatus.NoShow, BookingSource.Bot, TimeSpan.FromHours(2));
            Book(2, 1, Msk(2026, 11, 23, 21), 90, BookingStatus.Completed, BookingSource.Admin, TimeSpan.FromMinutes(-15)); // typed in after the start
            Book(1, 2, Msk(2026, 11, 19, 20), 120, BookingStatus.Completed, BookingSource.Bot, TimeSpan.FromDays(4)); // before the range
            await db.SaveChangesAsync();
        }

        var range = new AnalyticsRange(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 23));
        var utilisation = await host.WithAsync(s => Analytics(s).UtilisationAsync(range));

        utilisation.OpenHours.Should().Be(54, "Friday 14:00–04:00, Saturday 13:00–04:00, Sunday 13:00–02:00, Monday 14:00–02:00");
        utilisation.Zones.Select(z => (z.Zone, z.Tables, z.Seats, z.AvailableSeatHours, z.BookedSeatHours, z.SeatedSeatHours)).Should().Equal(
            ("Основной зал", 6, 23, 23 * 54.0, 7.5, 1.5),
            ("VIP-комнаты", 2, 16, 16 * 54.0, 20.0, 20.0),
            ("Веранда", 2, 8, 8 * 54.0, 0.0, 0.0));
        utilisation.Zones[1].BookedShare.Should().BeApproximately(20.0 / 864, 1e-9);

        var lead = await host.WithAsync(s => Analytics(s).LeadTimeAsync(range));
        lead.Buckets.Select(b => (b.Label, b.Bookings)).Should().Equal(
            ("после начала", 1), ("меньше 1 ч", 1), ("1–3 ч", 1), ("3–24 ч", 1), ("1–3 дня", 1), ("3–7 дней", 0), ("7 дней и больше", 1));
        lead.Buckets[1].BySource[BookingSource.Phone].Should().Be(1);
        lead.Buckets[6].BySource[BookingSource.Site].Should().Be(1);

        var heatmap = await host.WithAsync(s => Analytics(s).BookingsAsync(range));
        int Load(int mondayFirst, int hour) => heatmap.Heatmap[mondayFirst, heatmap.HeatmapHours.ToList().IndexOf(hour)];
        (Load(4, 2), Load(4, 3), Load(5, 2)).Should().Be((1, 1, 0), "Saturday 02:00–04:00 is Friday's night");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Nights_with_a_clock_change_count_their_real_hours_and_months(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider, moscowNow: new DateTime(2027, 11, 20, 12, 0, 0), settings: new() { ["Lounge:TimeZone"] = "Europe/Berlin" });
        await using (var db = host.Database.CreateContext())
        {
            var table = await db.Tables.SingleAsync(t => t.Number == 1);
            var guests = new[] { "Анна", "Борис" }.Select(n => new Customer { Name = n, CreatedAtUtc = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc) }).ToArray();
            db.Customers.AddRange(guests);
            await db.SaveChangesAsync();

            // Saturday 27 March 01:00 CET to 03:30 CEST: an hour and a half, not two and a half.
            db.Bookings.Add(new Booking
            {
                Code = "DST001", GuestName = "Гость", PartySize = 2, StartUtc = Berlin(3, 28, 1, 0, 1), EndUtc = Berlin(3, 28, 3, 30, 2),
                TableId = table.Id, Status = BookingStatus.Completed, Source = BookingSource.Site, CreatedAtUtc = Berlin(3, 20, 12, 0, 1),
            });

            // After summer time ends (31 October), 05:30 on 1 November is still October's night; 06:30 is November.
            db.Visits.Add(new Visit { CustomerId = guests[0].Id, TableId = table.Id, OpenedAtUtc = Berlin(11, 1, 5, 30, 1) });
            db.Visits.Add(new Visit { CustomerId = guests[1].Id, TableId = table.Id, OpenedAtUtc = Berlin(11, 1, 6, 30, 1) });
            await db.SaveChangesAsync();
        }

        var utilisation = await host.WithAsync(s => Analytics(s).UtilisationAsync(new AnalyticsRange(new DateOnly(2027, 3, 27), new DateOnly(2027, 3, 28))));
        utilisation.OpenHours.Should().Be(14 + 13, "Saturday 13:00–04:00 loses the hour that is skipped; Sunday 13:00–02:00");
        utilisation.Zones[0].BookedSeatHours.Should().Be(3);

        var cohorts = await host.WithAsync(s => Analytics(s).CohortsAsync(new AnalyticsRange(new DateOnly(2027, 10, 1), new DateOnly(2027, 11, 15))));
        cohorts.Cohorts.Select(c => (c.Month, c.Guests)).Should().Equal((new DateOnly(2027, 10, 1), 1), (new DateOnly(2027, 11, 1), 1));
    }
}
