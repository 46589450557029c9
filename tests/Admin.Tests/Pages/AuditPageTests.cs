using System.Net;
using HookahLounge.Core.Audit;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Admin.Tests.Pages;

/// <summary>The owner's audit log: back-office changes recorded with who and when, filterable.</summary>
public sealed class AuditPageTests : IAsyncLifetime
{
    private LoungeAppFactory _app = null!;

    public async Task InitializeAsync() =>
        _app = new LoungeAppFactory(await TestDatabase.CreateAsync(TestDatabase.Preferred), settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _app.Database.DisposeAsync();
    }

    private async Task<StaffBrowser> SignedInAsync(string login, StaffRole role)
    {
        await StaffBrowser.CreateAccountAsync(_app, login, "audit-password", role);
        var browser = new StaffBrowser(_app);
        (await browser.LoginAsync(login, "audit-password")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return browser;
    }

    [Fact]
    public async Task Price_stop_list_and_staff_changes_show_who_made_them_and_can_be_filtered()
    {
        var manager = await SignedInAsync("marina", StaffRole.Manager);
        var owner = await SignedInAsync("oleg", StaffRole.Owner);
        int id, categoryId;
        await using (var db = _app.Database.CreateContext())
        {
            var item = await db.MenuItems.SingleAsync(i => i.Name == "Сырная тарелка");
            (id, categoryId) = (item.Id, item.CategoryId);
        }

        var menu = await manager.GetPageAsync($"/admin/menu/item?id={id}");
        (await manager.PostFormAsync($"/admin/menu/item?id={id}&handler=Save", menu, new()
        {
            ["Input.CategoryId"] = categoryId.ToString(), ["Input.Name"] = "Сырная тарелка", ["Input.Price"] = "950,50",
            ["Input.Tags"] = "", ["Input.Description"] = "Четыре сыра, мёд, орехи, виноград.",
        })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await manager.PostFormAsync($"/admin/menu/item?id={id}&handler=Available", menu, new() { ["available"] = "false" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var staffPage = await owner.GetPageAsync("/admin/staff");
        (await owner.PostFormAsync("/admin/staff?handler=Create", staffPage, new()
        {
            ["New.Login"] = "newbie", ["New.DisplayName"] = "Новичок", ["New.Password"] = "newbie-password", ["New.Role"] = "Staff",
        })).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var all = await owner.GetPageAsync("/admin/audit");
        var rows = all.QuerySelectorAll("table.audit tbody tr").Select(r => r.TextContent).ToList();
        rows.Should().Contain(r => r.Contains("marina") && r.Contains("Меню и цены") && r.Contains("Price:") && r.Contains("950.5"));
        rows.Should().Contain(r => r.Contains("marina") && r.Contains("Стоп-лист") && r.Contains("IsAvailable: True → False"));
        rows.Should().Contain(r => r.Contains("oleg") && r.Contains("Сотрудники") && r.Contains("newbie") && r.Contains("добавлено"));
        all.DocumentElement.TextContent.Should().NotContain("AQAAAA", "password hashes are never shown");

        var stopList = await owner.GetPageAsync("/admin/audit?section=StopList");
        stopList.QuerySelectorAll("table.audit tbody tr").Should().ContainSingle().Which.TextContent.Should().Contain("Сырная тарелка");
        var byOleg = await owner.GetPageAsync("/admin/audit?actor=oleg");
        byOleg.QuerySelectorAll("td.actor").Select(td => td.TextContent).Should().OnlyContain(a => a == "oleg").And.NotBeEmpty();
    }

    [Fact]
    public async Task The_audit_record_is_part_of_the_change_and_rolls_back_with_it()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HookahLounge.Core.Data.LoungeDbContext>();
        using (AuditActor.Use(null, "barmen"))
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var item = await db.MenuItems.FirstAsync(i => i.Name == "Сырная тарелка");
                item.Price = 1;
                await db.SaveChangesAsync();
                (await db.AuditEntries.CountAsync()).Should().Be(1, "written by the same SaveChanges");
                await transaction.RollbackAsync();
            });
        }

        await using var check = _app.Database.CreateContext();
        (await check.AuditEntries.CountAsync()).Should().Be(0, "the change was rolled back, and its record with it");
        (await check.MenuItems.SingleAsync(i => i.Name == "Сырная тарелка")).Price.Should().Be(890m);
    }

    [Fact]
    public async Task Guests_bookings_are_not_back_office_actions()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var booking = await scope.ServiceProvider.GetRequiredService<HookahLounge.Core.Bookings.BookingService>().CreateAsync(
            new(TestDates.NextWednesday(), new TimeOnly(20, 0), 2, 120, HookahLounge.Core.Bookings.BookingSource.Site, "Мария", "+79161234500", ConsentGiven: true));

        booking.Succeeded.Should().BeTrue();
        await using var check = _app.Database.CreateContext();
        (await check.AuditEntries.CountAsync()).Should().Be(0);
    }
}
