using System.Net;
using HookahLounge.Core.Data;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Admin.Tests.Pages;

public sealed class AccountTests : IClassFixture<AdminHost>
{
    private readonly LoungeAppFactory _app;

    public AccountTests(AdminHost host) => _app = host.App;

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Every_admin_page_but_login_sends_anonymous_visitors_to_the_login_page()
    {
        var browser = new StaffBrowser(_app);
        var adminPages = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("Admin", StringComparison.OrdinalIgnoreCase) == true)
            .Select(e => "/" + System.Text.RegularExpressions.Regex.Replace(
                System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!, "/\\{[^}]+\\?\\}", ""), "\\{[^}]+\\}", "1"))
            .Distinct()
            .ToList();
        adminPages.Should().Contain(["/Admin/Staff", "/Admin/Menu", "/Admin/Customers", "/Admin/Account/Login"]);

        foreach (var page in adminPages.Where(p => !p.EndsWith("/Login", StringComparison.OrdinalIgnoreCase)))
        {
            var response = await browser.Client.GetAsync(page);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, page);
            response.Headers.Location!.ToString().Should().Contain("/admin/account/login", page);
        }

        (await browser.Client.GetAsync("/admin/account/login")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_right_password_signs_in_and_returns_to_the_requested_page()
    {
        var login = Unique("mgr");
        await StaffBrowser.CreateAccountAsync(_app, login, "manager-password", StaffRole.Manager);
        var browser = new StaffBrowser(_app);

        var response = await browser.LoginAsync(login, "manager-password", returnUrl: "/admin/menu");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/admin/menu");
        var menu = await browser.GetPageAsync("/admin/menu");
        menu.QuerySelector("h1")!.TextContent.Should().Be("Меню");
        menu.QuerySelectorAll("li[data-id] a.me-name").Should().HaveCountGreaterThan(10);
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        var login = Unique("own");
        await StaffBrowser.CreateAccountAsync(_app, login, "owner-password", StaffRole.Owner);
        var browser = new StaffBrowser(_app);

        var response = await browser.LoginAsync(login, "owner-password", returnUrl: "https://evil.example/phish");

        response.Headers.Location!.ToString().Should().Be("/admin");
    }

    [Fact]
    public async Task A_wrong_password_shows_a_polite_error_and_does_not_sign_in()
    {
        var login = Unique("stf");
        await StaffBrowser.CreateAccountAsync(_app, login, "staff-password", StaffRole.Staff);
        var browser = new StaffBrowser(_app);

        var response = await browser.LoginAsync(login, "not-the-password");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadHtmlAsync()).QuerySelector(".errors")!.TextContent.Should().Contain("Неверный логин или пароль");
        (await browser.Client.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var login = Unique("lck");
        await StaffBrowser.CreateAccountAsync(_app, login, "staff-password", StaffRole.Staff);
        var browser = new StaffBrowser(_app);

        for (var i = 0; i < 4; i++)
        {
            await browser.LoginAsync(login, $"wrong-{i}");
        }

        var fifth = await (await browser.LoginAsync(login, "wrong-5")).ReadHtmlAsync();
        fifth.QuerySelector(".errors")!.TextContent.Should().Contain("блокируется");

        var right = await browser.LoginAsync(login, "staff-password");
        right.StatusCode.Should().Be(HttpStatusCode.OK);
        (await right.ReadHtmlAsync()).QuerySelector(".errors")!.TextContent.Should().Contain("Неверный логин или пароль");
        (await browser.Client.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.Redirect, "a locked account does not sign in");
    }

    [Fact]
    public async Task Empty_login_form_is_answered_with_messages_not_an_error()
    {
        var browser = new StaffBrowser(_app);
        var page = await browser.GetPageAsync("/admin/account/login");

        var response = await browser.PostFormAsync("/admin/account/login", page, new() { ["Input.Login"] = "", ["Input.Password"] = "" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadHtmlAsync()).QuerySelector(".errors")!.TextContent.Should().Contain("Введите логин").And.Contain("Введите пароль");
    }

    [Fact]
    public async Task A_login_post_without_the_antiforgery_token_is_rejected()
    {
        var login = Unique("af");
        await StaffBrowser.CreateAccountAsync(_app, login, "staff-password", StaffRole.Staff);
        var browser = new StaffBrowser(_app);

        var response = await browser.Client.PostAsync("/admin/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = login,
            ["Input.Password"] = "staff-password",
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var login = Unique("out");
        await StaffBrowser.CreateAccountAsync(_app, login, "staff-password", StaffRole.Staff);
        var browser = new StaffBrowser(_app);
        await browser.LoginAsync(login, "staff-password");
        var dashboard = await browser.GetPageAsync("/admin");

        var response = await browser.PostFormAsync("/admin/account/logout", dashboard, []);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.Client.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_open_sessions()
    {
        var login = Unique("dis");
        var user = await StaffBrowser.CreateAccountAsync(_app, login, "staff-password", StaffRole.Staff);
        var browser = new StaffBrowser(_app);
        await browser.LoginAsync(login, "staff-password");
        (await browser.Client.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().UpdateAsync(user.Id, StaffRole.Staff, isActive: false);
        }

        (await browser.Client.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_auth_cookie_is_http_only_secure_and_strict()
    {
        var login = Unique("ck");
        await StaffBrowser.CreateAccountAsync(_app, login, "staff-password", StaffRole.Staff);
        var browser = new StaffBrowser(_app);

        var response = await browser.LoginAsync(login, "staff-password");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".HookahLounge.Admin=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.Should().Contain("httponly").And.Contain("secure").And.Contain("samesite=strict");
    }
}
