using System.Net;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HookahLounge.Admin.Tests.Pages;

/// <summary>Admin → Гости: every channel's guests in one list, the card, blocks and the guest's data rights.</summary>
public sealed class GuestPagesTests : IAsyncLifetime
{
    private static readonly DateOnly Saturday = new(2026, 11, 28);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.FromHours(3)));
    private LoungeAppFactory _app = null!;
    private StaffBrowser _manager = null!;

    public async Task InitializeAsync()
    {
        _app = new LoungeAppFactory(
            await TestDatabase.CreateAsync(TestDatabase.Preferred),
            settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" },
            services: s => s.AddSingleton<TimeProvider>(_clock));
        await StaffBrowser.CreateAccountAsync(_app, "manager", "manager-password", StaffRole.Manager);
        _manager = new StaffBrowser(_app);
        await _manager.LoginAsync("manager", "manager-password");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _app.Database.DisposeAsync();
    }

    private async Task<BookingResult> BookAsync(BookingSource source, TimeOnly time, string phone, string name)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BookingService>().CreateAsync(
            new BookingRequest(Saturday, time, 2, 120, source, name, phone, ConsentGiven: true));
    }

    [Fact]
    public async Task Guests_from_site_and_phone_bookings_are_listed_once_each_and_searchable()
    {
        await BookAsync(BookingSource.Site, new TimeOnly(18, 0), "8 916 700-00-01", "Алексей");
        await BookAsync(BookingSource.Phone, new TimeOnly(21, 0), "+79167000001", "Алексей");
        await BookAsync(BookingSource.Site, new TimeOnly(19, 0), "+7 903 700-00-02", "Вера");

        var list = await _manager.GetPageAsync("/admin/customers");
        list.QuerySelector("p.muted")!.TextContent.Should().Contain("Всего: 2");
        list.QuerySelectorAll("table.guests tbody tr").Should().HaveCount(2);

        var found = await _manager.GetPageAsync("/admin/customers?q=916%20700");
        var rows = found.QuerySelectorAll("table.guests tbody tr");
        rows.Should().ContainSingle().Which.TextContent.Should().Contain("Алексей").And.Contain("+79167000001");

        var card = await _manager.GetPageAsync(rows[0].QuerySelector("a")!.GetAttribute("href")!);
        card.QuerySelector("dd.bookings")!.TextContent.Should().Be("2");
        card.QuerySelectorAll("table.booking-history tbody tr").Should().HaveCount(2);
    }

    [Fact]
    public async Task A_manager_blocks_a_guest_whose_next_site_booking_is_refused_and_exports_their_data()
    {
        var first = await BookAsync(BookingSource.Site, new TimeOnly(18, 0), "+7 916 700-00-03", "Гоша");
        var id = first.Booking!.CustomerId!.Value;
        var url = $"/admin/customers/card/{id}";

        var page = await _manager.GetPageAsync(url);
        (await _manager.PostFormAsync($"{url}?handler=Block", page, new() { ["reason"] = "две неявки" })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await _manager.GetPageAsync(url)).QuerySelector("p.warn")!.TextContent.Should().Contain("две неявки");
        (await BookAsync(BookingSource.Site, new TimeOnly(21, 0), "89167000003", "Гоша")).Error.Should().Be(BookingError.Blocked);

        page = await _manager.GetPageAsync(url);
        var export = await _manager.PostFormAsync($"{url}?handler=Export", page, []);
        export.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await export.Content.ReadAsStringAsync()).Should().Contain("+79167000003");

        page = await _manager.GetPageAsync(url);
        await _manager.PostFormAsync($"{url}?handler=Anonymise", page, new() { ["confirm"] = "true" });
        var after = await _manager.GetPageAsync(url);
        after.QuerySelector("h1")!.TextContent.Should().Contain("Обезличенный гость");
        after.QuerySelectorAll("table.events tbody tr").Select(r => r.Children[1].TextContent)
            .Should().BeEquivalentTo([nameof(CustomerEventKind.Blocked), nameof(CustomerEventKind.Exported), nameof(CustomerEventKind.Anonymised)]);
        await using var db = _app.Database.CreateContext();
        (await db.Bookings.Where(b => b.CustomerId == id).Select(b => b.GuestPhone).SingleAsync()).Should().BeNull();
    }
}
