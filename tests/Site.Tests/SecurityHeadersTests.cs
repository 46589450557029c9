using System.Net;
using HookahLounge.Testing;

namespace HookahLounge.Site.Tests;

/// <summary>What browsers are told the pages may do, and that the pages keep within it.</summary>
public sealed class SecurityHeadersTests(SiteHost host) : IClassFixture<SiteHost>
{
    private static readonly string[] PublicPages = ["/", "/menu", "/booking", "/promos", "/contacts", "/no-such-page"];

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single()
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ', StringComparison.Ordinal) + 1)..]);

    [Fact]
    public async Task Every_public_page_has_a_policy_that_allows_only_the_map_frame_from_outside()
    {
        var client = host.App.CreateClient();
        foreach (var path in PublicPages)
        {
            var response = await client.GetAsync(path);
            var csp = Directives(response);

            csp["default-src"].Should().Be("'self'", path);
            csp["script-src"].Should().Be("'none'", path);
            csp["style-src"].Should().Be("'self'", path);
            csp["style-src-attr"].Should().Be("'unsafe-hashes' 'sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE='", "only display:none, the validation summary's");
            csp["frame-ancestors"].Should().Be("'none'", path);
            csp["frame-src"].Should().Be("http://127.0.0.1:9", "the configured Yandex map widget's origin");
            csp["form-action"].Should().Be("'self'", path);
            response.Headers.GetValues("Referrer-Policy").Should().Equal("strict-origin-when-cross-origin");
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        }
    }

    [Fact]
    public async Task The_back_office_may_run_the_apps_own_script_files_only()
    {
        var csp = Directives(await host.App.CreateClient().GetAsync("/admin/account/login"));

        csp["script-src"].Should().Be("'self'", "the live order board and booking dragging are script files served by the app");
        csp["style-src"].Should().Be("'self'");
        csp["frame-ancestors"].Should().Be("'none'");
    }

    [Fact]
    public async Task The_pages_use_nothing_the_policy_forbids()
    {
        var staff = new StaffBrowser(host.App);
        await StaffBrowser.CreateAccountAsync(host.App, "csp-owner", "owner-password", Core.Staff.StaffRole.Owner);
        (await staff.LoginAsync("csp-owner", "owner-password")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        string[] adminPages = ["/admin", "/admin/menu", "/admin/tables", "/admin/orders", "/admin/bookings", "/admin/staff", "/admin/hours", "/admin/promotions"];

        var pages = new List<(string Path, AngleSharp.Dom.IDocument Page)>();
        foreach (var path in PublicPages)
        {
            pages.Add((path, await (await host.App.CreateClient().GetAsync(path)).ReadHtmlAsync()));
        }

        foreach (var path in adminPages)
        {
            pages.Add((path, await staff.GetPageAsync(path)));
        }

        foreach (var (path, page) in pages)
        {
            page.QuerySelectorAll("[style]").Select(e => e.GetAttribute("style")).Where(style => style != "display:none")
                .Should().BeEmpty($"{path}: inline styles other than the hashed one are blocked");
            page.QuerySelectorAll("style").Should().BeEmpty(path);
            var scripts = page.QuerySelectorAll("script").Where(s => s.GetAttribute("type") != "application/ld+json").ToList();
            if (path.StartsWith("/admin", StringComparison.Ordinal))
            {
                scripts.Where(s => s.GetAttribute("src")?.StartsWith("/_content/HookahLounge.Admin/js/", StringComparison.Ordinal) != true || s.TextContent.Length > 0)
                    .Should().BeEmpty($"{path}: only the app's own script files, nothing inline");
            }
            else
            {
                scripts.Should().BeEmpty($"{path}: no script runs");
            }
            page.QuerySelectorAll("*").SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal))
                .Should().BeEmpty($"{path}: no inline event handlers");
        }

        pages.Single(p => p.Path == "/admin/menu").Page.QuerySelectorAll("script").Should().ContainSingle("the menu editor's drag enhancement");
        var admin = await staff.Client.GetAsync("/admin/menu");
        Directives(admin)["script-src"].Should().Be("'self'", "the back office runs its own script files");
        pages.Single(p => p.Path == "/contacts").Page.QuerySelector("iframe.map")!.GetAttribute("src").Should().StartWith("http://127.0.0.1:9/");
    }
}
