using System.Net;
using HookahLounge.Core.Data;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Admin.Tests.Pages;

public sealed class RoleTests : IClassFixture<AdminHost>
{
    private readonly LoungeAppFactory _app;

    public RoleTests(AdminHost host) => _app = host.App;

    private async Task<StaffBrowser> SignedInAsync(StaffRole role)
    {
        var login = $"{role}{Guid.NewGuid():N}"[..20].ToLowerInvariant();
        await StaffBrowser.CreateAccountAsync(_app, login, "role-password", role);
        var browser = new StaffBrowser(_app);
        (await browser.LoginAsync(login, "role-password")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return browser;
    }

    [Theory]
    [InlineData(StaffRole.Staff, "/admin", HttpStatusCode.OK)]
    [InlineData(StaffRole.Staff, "/admin/menu", HttpStatusCode.Forbidden)]
    [InlineData(StaffRole.Staff, "/admin/customers", HttpStatusCode.Forbidden)]
    [InlineData(StaffRole.Staff, "/admin/staff", HttpStatusCode.Forbidden)]
    [InlineData(StaffRole.Manager, "/admin/menu", HttpStatusCode.OK)]
    [InlineData(StaffRole.Manager, "/admin/customers", HttpStatusCode.OK)]
    [InlineData(StaffRole.Manager, "/admin/staff", HttpStatusCode.Forbidden)]
    [InlineData(StaffRole.Owner, "/admin/staff", HttpStatusCode.OK)]
    [InlineData(StaffRole.Owner, "/admin/menu", HttpStatusCode.OK)]
    public async Task Pages_open_only_for_the_roles_they_are_meant_for(StaffRole role, string url, HttpStatusCode expected)
    {
        var browser = await SignedInAsync(role);

        var response = await browser.Client.GetAsync(url);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("accessdenied", StringComparison.OrdinalIgnoreCase))
        {
            response = await browser.Client.GetAsync(response.Headers.Location);
        }

        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.Forbidden)
        {
            (await response.ReadHtmlAsync()).QuerySelector("h1")!.TextContent.Should().Be("Нет доступа");
        }
    }

    [Fact]
    public async Task The_navigation_shows_each_role_only_its_sections()
    {
        var staffNav = (await (await SignedInAsync(StaffRole.Staff)).GetPageAsync("/admin")).QuerySelector("nav.side")!.TextContent;
        var ownerNav = (await (await SignedInAsync(StaffRole.Owner)).GetPageAsync("/admin")).QuerySelector("nav.side")!.TextContent;

        staffNav.Should().NotContain("Сотрудники").And.NotContain("Гости");
        ownerNav.Should().Contain("Сотрудники").And.Contain("Гости").And.Contain("Меню");
    }

    [Fact]
    public async Task An_owner_adds_a_staff_member_who_can_then_sign_in()
    {
        var owner = await SignedInAsync(StaffRole.Owner);
        var page = await owner.GetPageAsync("/admin/staff");

        var response = await owner.PostFormAsync("/admin/staff?handler=Create", page, new()
        {
            ["New.Login"] = "waiter.ivan",
            ["New.DisplayName"] = "Иван",
            ["New.Role"] = "Staff",
            ["New.Password"] = "ivan-password",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var list = await owner.GetPageAsync("/admin/staff");
        list.QuerySelector(".flash")!.TextContent.Should().Contain("waiter.ivan");
        var ivan = new StaffBrowser(_app);
        (await ivan.LoginAsync("waiter.ivan", "ivan-password")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Bad_staff_data_is_explained_and_nothing_is_created()
    {
        var owner = await SignedInAsync(StaffRole.Owner);
        var page = await owner.GetPageAsync("/admin/staff");

        var response = await owner.PostFormAsync("/admin/staff?handler=Create", page, new()
        {
            ["New.Login"] = "short.pass",
            ["New.DisplayName"] = "Кто-то",
            ["New.Role"] = "Staff",
            ["New.Password"] = "123",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadHtmlAsync()).QuerySelector(".errors")!.TextContent.Should().Contain("не короче 8 символов");
        await using var scope = _app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<LoungeDbContext>().StaffUsers.AnyAsync(u => u.Login == "short.pass")).Should().BeFalse();
    }

    [Fact]
    public async Task A_state_changing_admin_form_without_its_token_is_rejected_and_changes_nothing()
    {
        var owner = await SignedInAsync(StaffRole.Owner);

        var response = await owner.Client.PostAsync("/admin/staff?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["New.Login"] = "forged.user",
            ["New.DisplayName"] = "Подделка",
            ["New.Role"] = "Owner",
            ["New.Password"] = "forged-password",
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await using var scope = _app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<LoungeDbContext>().StaffUsers.AnyAsync(u => u.Login == "forged.user")).Should().BeFalse();
    }

    [Fact]
    public async Task A_manager_cannot_create_staff_by_posting_directly()
    {
        var manager = await SignedInAsync(StaffRole.Manager);
        var page = await manager.GetPageAsync("/admin");

        var response = await manager.PostFormAsync("/admin/staff?handler=Create", page, new()
        {
            ["New.Login"] = "sneaky.user",
            ["New.DisplayName"] = "Хитрый",
            ["New.Role"] = "Owner",
            ["New.Password"] = "sneaky-password",
        });

        response.StatusCode.Should().BeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Forbidden);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            response.Headers.Location!.ToString().Should().Contain("accessdenied");
        }

        await using var scope = _app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<LoungeDbContext>().StaffUsers.AnyAsync(u => u.Login == "sneaky.user")).Should().BeFalse();
    }

    [Fact]
    public async Task The_dashboard_shows_todays_numbers()
    {
        var page = await (await SignedInAsync(StaffRole.Staff)).GetPageAsync("/admin");

        page.QuerySelector("h1")!.TextContent.Should().Be("Обзор");
        page.QuerySelectorAll(".tile").Should().HaveCount(4);
        page.QuerySelector(".content")!.TextContent.Should().Contain("Бот выключен");
    }
}
