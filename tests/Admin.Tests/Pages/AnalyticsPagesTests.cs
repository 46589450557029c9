using System.Net;
using System.Text;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
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

    private static string Csv(string cell) => cell.Contains(',') || cell.Contains('"') ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
