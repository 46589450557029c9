using System.Net;
using System.Text;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Staff;
using HookahLounge.Core.Visits;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HookahLounge.Admin.Tests.Pages;

/// <summary>Admin → Аналитика: figures with charts and CSV; revenue for owners and managers only.</summary>
public sealed class AnalyticsPagesTests : IAsyncLifetime
{
    private const string Range = "from=2026-11-20&to=2026-11-22";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 1, 30, 0, TimeSpan.FromHours(3)));
    private LoungeAppFactory _app = null!;

    public async Task InitializeAsync()
    {
        _app = new LoungeAppFactory(
            await TestDatabase.CreateAsync(TestDatabase.Preferred),
            settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" },
            services: s => s.AddSingleton<TimeProvider>(_clock));
        await StaffBrowser.CreateAccountAsync(_app, "owner", "owner-password", StaffRole.Owner);
        await StaffBrowser.CreateAccountAsync(_app, "waiter", "waiter-password", StaffRole.Staff);
        await using var db = _app.Database.CreateContext();
        var guest = new Customer { Name = "Анна", CreatedAtUtc = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) };
        db.Customers.Add(guest);
        await db.SaveChangesAsync();
        static DateTime Msk(int day, int hour) => new DateTime(2026, 11, day, hour, 0, 0, DateTimeKind.Utc).AddHours(-3);
        db.Orders.AddRange(
            new Order { CustomerId = guest.Id, Status = OrderStatus.Completed, Type = OrderType.AtTable, Total = 1800m, CreatedAtUtc = Msk(20, 22), Lines = [new() { ItemName = "Кальян, \"премиум\"", UnitPrice = 1800m, Quantity = 1 }] },
            new Order { CustomerId = guest.Id, Status = OrderStatus.Completed, Type = OrderType.AtTable, Total = 600m, CreatedAtUtc = Msk(21, 2), Lines = [new() { ItemName = "Пуэр", UnitPrice = 600m, Quantity = 1 }] });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _app.Database.DisposeAsync();
    }

    private async Task<StaffBrowser> AsAsync(string login)
    {
        var browser = new StaffBrowser(_app);
        (await browser.LoginAsync(login, login + "-password")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return browser;
    }

    private static List<List<string>> Cells(AngleSharp.Dom.IDocument page, string table) =>
    [
        [.. page.QuerySelectorAll($"table[data-table='{table}'] thead th").Select(c => c.TextContent)],
        .. page.QuerySelectorAll($"table[data-table='{table}'] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()),
    ];

    [Fact]
    public async Task The_owner_sees_revenue_by_business_day_and_each_csv_matches_its_table()
    {
        var owner = await AsAsync("owner");

        var page = await owner.GetPageAsync($"/admin/analytics?{Range}");

        page.QuerySelector("#revenue-total")!.TextContent.Should().Be("2\u00A0400\u00A0₽", "money reads one way everywhere");
        page.QuerySelector("svg.chart").Should().NotBeNull();
        var days = Cells(page, "days");
        days[0].Should().Equal("Рабочий день", "Заказов", "Выручка, ₽", "Средний чек, ₽");
        days.Skip(1).Should().BeEquivalentTo(new List<List<string>>
        {
            new() { "2026-11-20", "2", "2400", "1200" },
            new() { "2026-11-21", "0", "0", "0" },
            new() { "2026-11-22", "0", "0", "0" },
            new() { "Итого", "2", "2400", "1200" },
        }, o => o.WithStrictOrdering());

        foreach (var table in new[] { "days", "items", "types" })
        {
            var csv = await owner.Client.GetAsync($"/admin/analytics?handler=Csv&table={table}&{Range}");
            csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
            var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
            text.Should().Be(string.Concat(Cells(page, table).Select(r => string.Join(',', r.Select(Csv)) + "\r\n")));
        }

        (await owner.GetPageAsync($"/admin/analytics/guests?{Range}")).QuerySelector("table[data-table='top-guests']")!.TextContent.Should().Contain("Анна").And.Contain("2400");
        (await owner.Client.GetAsync($"/admin/analytics/bookings?{Range}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Staff_see_counts_but_no_revenue_on_the_page_or_in_the_csv()
    {
        var waiter = await AsAsync("waiter");

        var nav = (await waiter.GetPageAsync("/admin")).QuerySelector("nav.side")!.TextContent;
        var page = await waiter.GetPageAsync($"/admin/analytics?{Range}");
        var guests = await waiter.GetPageAsync($"/admin/analytics/guests?{Range}");

        nav.Should().Contain("Аналитика");
        page.QuerySelector("#orders-total")!.TextContent.Should().Be("2");
        page.QuerySelector("#revenue-total").Should().BeNull();
        page.Body!.TextContent.Should().NotContain("Выручка").And.NotContain("2400").And.NotContain("₽");
        Cells(page, "days")[1].Should().Equal("2026-11-20", "2");
        guests.QuerySelector("table[data-table='top-guests']").Should().BeNull();
        (await waiter.Client.GetAsync($"/admin/analytics/guests?handler=Csv&table=top-guests&{Range}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var csv = await (await waiter.Client.GetAsync($"/admin/analytics?handler=Csv&table=items&{Range}")).Content.ReadAsStringAsync();
        csv.Should().NotContain("1800").And.Contain("Пуэр,1");
    }

    [Fact]
    public async Task Stop_list_visits_cohorts_utilisation_and_lead_time_have_tables_whose_csv_matches_for_every_role()
    {
        await using (var db = _app.Database.CreateContext())
        {
            var guest = await db.Customers.SingleAsync(c => c.Name == "Анна");
            var table = await db.Tables.SingleAsync(t => t.Number == 7);
            static DateTime Msk(int day, int hour) => new DateTime(2026, 11, day, hour, 0, 0, DateTimeKind.Utc).AddHours(-3);
            db.StopListMisses.Add(new StopListMiss { CustomerId = guest.Id, ItemName = "Пуэр, чайник 0,8 л", Stage = StopListStage.Checkout, BusinessDate = new DateOnly(2026, 11, 21), AtUtc = Msk(22, 1) });
            db.Visits.Add(new Visit { CustomerId = guest.Id, TableId = table.Id, OpenedAtUtc = Msk(20, 21), ClosedAtUtc = Msk(20, 23) });
            db.Bookings.Add(new Booking
            {
                Code = "APT001", GuestName = "Анна", PartySize = 4, CustomerId = guest.Id, TableId = table.Id, Status = BookingStatus.Completed,
                Source = BookingSource.Bot, StartUtc = Msk(22, 1), EndUtc = Msk(22, 3), CreatedAtUtc = Msk(21, 23),
            });
            await db.SaveChangesAsync();
        }

        foreach (var login in new[] { "owner", "waiter" })
        {
            var browser = await AsAsync(login);
            var orders = await browser.GetPageAsync($"/admin/analytics?{Range}");
            var guests = await browser.GetPageAsync($"/admin/analytics/guests?{Range}");
            var bookings = await browser.GetPageAsync($"/admin/analytics/bookings?{Range}");

            Cells(orders, "stop-list").Should().BeEquivalentTo(
                new List<List<string>> { new() { "Позиция", "Опция", "Промахов", "Из них при оформлении" }, new() { "Пуэр, чайник 0,8 л", "—", "1", "1" } }, o => o.WithStrictOrdering());
            Cells(orders, "stop-list-days")[1].Should().Equal("2026-11-21", "Пуэр, чайник 0,8 л", "—", "1");
            Cells(guests, "frequency")[2].Should().Equal(["2", "1"], "Anna came to a table on Friday and to her booking on Saturday's night");
            Cells(guests, "visits")[5].Should().Equal(["Дней между визитами в среднем", "1"]);
            Cells(guests, "cohorts").Should().BeEquivalentTo(
                new List<List<string>> { new() { "Месяц первого визита", "Гостей", "+0 мес." }, new() { "2026-11", "1", "100.0%" } }, o => o.WithStrictOrdering());
            Cells(bookings, "utilisation")[2].Should().Equal("VIP-комнаты", "2", "16", (16 * 42).ToString(), "8", "1.2%", "8", "1.2%");
            Cells(bookings, "lead-time")[3].Should().Equal("1–3 ч", "1", "100.0%", "0", "1", "0", "0");

            foreach (var (page, document, table) in new[]
            {
                ("", orders, "stop-list"), ("", orders, "stop-list-days"), ("/guests", guests, "frequency"), ("/guests", guests, "visits"),
                ("/guests", guests, "cohorts"), ("/bookings", bookings, "utilisation"), ("/bookings", bookings, "lead-time"),
            })
            {
                var csv = await browser.Client.GetAsync($"/admin/analytics{page}?handler=Csv&table={table}&{Range}");
                var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
                text.Should().Be(string.Concat(Cells(document, table).Select(r => string.Join(',', r.Select(Csv)) + "\r\n")), $"{table} as {login}");
            }

            foreach (var document in new[] { orders, guests, bookings })
            {
                document.QuerySelectorAll("svg.chart").Should().NotBeEmpty();
                if (login == "waiter")
                {
                    document.Body!.TextContent.Should().NotContain("₽").And.NotContain("Выручка");
                }
            }
        }
    }

    private static string Csv(string cell) => cell.Contains(',') || cell.Contains('"') ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
