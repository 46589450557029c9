using HookahLounge.Admin.Areas.Admin.Pages.Analytics;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using HookahLounge.Admin.Areas.Admin.Pages;
using HookahLounge.Admin.Areas.Admin.Pages.Account;
using HookahLounge.Admin.Areas.Admin.Pages.Audit;
using HookahLounge.Admin.Areas.Admin.Pages.Bookings;
using HookahLounge.Admin.Areas.Admin.Pages.Customers;
using HookahLounge.Admin.Areas.Admin.Pages.Hours;
using HookahLounge.Admin.Areas.Admin.Pages.Menu;
using HookahLounge.Admin.Areas.Admin.Pages.Notifications;
using HookahLounge.Admin.Areas.Admin.Pages.Orders;
using HookahLounge.Admin.Areas.Admin.Pages.Photos;
using HookahLounge.Admin.Areas.Admin.Pages.Promotions;
using HookahLounge.Admin.Areas.Admin.Pages.Staff;
using HookahLounge.Admin.Areas.Admin.Pages.StopList;
using HookahLounge.Admin.Areas.Admin.Pages.Tables;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HookahLounge.Admin.Tests;

/// <summary>
/// Every back-office page and handler, found by reflection, tried by every role over HTTP. A page missing
/// from the map below fails the test, so a new page cannot go out without someone deciding who may use it.
/// </summary>
public sealed partial class AuthorizationMapTests(AdminHost host) : IClassFixture<AdminHost>
{
    /// <summary>The page, its address, and the lowest role that may use it (null: anyone).</summary>
    private static readonly Dictionary<Type, (string Path, StaffRole? Role)> Map = new()
    {
        [typeof(LoginModel)] = ("/admin/account/login", null),
        [typeof(LogoutModel)] = ("/admin/account/logout", StaffRole.Staff),
        [typeof(AccessDeniedModel)] = ("/admin/account/accessdenied", StaffRole.Staff),
        [typeof(IndexModel)] = ("/admin", StaffRole.Staff),
        [typeof(OrdersIndexModel)] = ("/admin/orders", StaffRole.Staff),
        [typeof(OrderDetailsModel)] = ("/admin/orders/details/1", StaffRole.Staff),
        [typeof(BookingsIndexModel)] = ("/admin/bookings", StaffRole.Staff),
        [typeof(BookingEditModel)] = ("/admin/bookings/edit", StaffRole.Staff),
        [typeof(TablesQrModel)] = ("/admin/tables/qr", StaffRole.Staff),
        [typeof(BookingSettingsModel)] = ("/admin/bookings/settings", StaffRole.Manager),
        [typeof(StopListIndexModel)] = ("/admin/stoplist", StaffRole.Staff),
        [typeof(MenuIndexModel)] = ("/admin/menu", StaffRole.Manager),
        [typeof(MenuItemModel)] = ("/admin/menu/item", StaffRole.Manager),
        [typeof(MenuSectionModel)] = ("/admin/menu/section", StaffRole.Manager),
        [typeof(MenuOptionsModel)] = ("/admin/menu/options", StaffRole.Manager),
        [typeof(MenuOptionModel)] = ("/admin/menu/option?id=1", StaffRole.Manager),
        [typeof(MenuDeleteModel)] = ("/admin/menu/delete?entry=Item&id=1", StaffRole.Manager),
        [typeof(PromotionDeleteModel)] = ("/admin/promotions/delete?id=1", StaffRole.Manager),
        [typeof(TablesIndexModel)] = ("/admin/tables", StaffRole.Manager),
        [typeof(HoursIndexModel)] = ("/admin/hours", StaffRole.Manager),
        [typeof(PromotionsIndexModel)] = ("/admin/promotions", StaffRole.Manager),
        [typeof(PhotosIndexModel)] = ("/admin/photos", StaffRole.Manager),
        [typeof(NotificationsIndexModel)] = ("/admin/notifications", StaffRole.Manager),
        [typeof(CustomersIndexModel)] = ("/admin/customers", StaffRole.Manager),
        [typeof(CustomerCardModel)] = ("/admin/customers/card/1", StaffRole.Manager),
        [typeof(HookahLounge.Admin.Areas.Admin.Pages.Broadcasts.BroadcastsIndexModel)] = ("/admin/broadcasts", StaffRole.Manager),
        [typeof(HookahLounge.Admin.Areas.Admin.Pages.Broadcasts.BroadcastEditModel)] = ("/admin/broadcasts/edit", StaffRole.Manager),
        [typeof(HookahLounge.Admin.Areas.Admin.Pages.Broadcasts.BroadcastProgressModel)] = ("/admin/broadcasts/progress/1", StaffRole.Manager),
        [typeof(AnalyticsIndexModel)] = ("/admin/analytics", StaffRole.Staff),
        [typeof(AnalyticsGuestsModel)] = ("/admin/analytics/guests", StaffRole.Staff),
        [typeof(AnalyticsBookingsModel)] = ("/admin/analytics/bookings", StaffRole.Staff),
        [typeof(StaffIndexModel)] = ("/admin/staff", StaffRole.Owner),
        [typeof(AuditIndexModel)] = ("/admin/audit", StaffRole.Owner),
    };

    [GeneratedRegex("^On(Get|Post)(.*?)(Async)?$")]
    private static partial Regex HandlerName();

    private static IEnumerable<(string Verb, string Name)> Handlers(Type page) =>
        page.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => HandlerName().Match(m.Name))
            .Where(m => m.Success)
            .Select(m => (m.Groups[1].Value.ToUpperInvariant(), m.Groups[2].Value))
            .Distinct();

    [Fact]
    public void Every_admin_page_is_in_the_map()
    {
        var pages = typeof(AdminPageModel).Assembly.GetTypes()
            .Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract && t.Namespace?.StartsWith("HookahLounge.Admin.Areas.Admin.Pages", StringComparison.Ordinal) == true)
            .ToList();

        pages.Should().BeEquivalentTo(Map.Keys, "a new admin page needs its role decided here");
        pages.Where(p => p != typeof(LoginModel)).Should().OnlyContain(p => typeof(AdminPageModel).IsAssignableFrom(p), "AdminPageModel requires a signed-in staff member");
        pages.SelectMany(p => Handlers(p)).Should().HaveCountGreaterThan(30);
    }

    [Fact]
    public async Task Every_handler_admits_exactly_the_roles_its_page_is_meant_for()
    {
        var failures = new List<string>();
        var browsers = new Dictionary<string, StaffBrowser>();
        StaffRole?[] roles = [null, StaffRole.Staff, StaffRole.Manager, StaffRole.Owner];
        foreach (var (page, (path, required)) in Map)
        {
            foreach (var (verb, name) in Handlers(page))
            {
                foreach (var role in roles)
                {
                    var key = role?.ToString() ?? "anonymous";
                    if (!browsers.TryGetValue(key, out var browser))
                    {
                        browser = browsers[key] = await BrowserAsync(role);
                    }

                    var url = name.Length == 0 ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={name}";
                    HttpResponseMessage response;
                    if (verb == "GET")
                    {
                        response = await browser.Client.GetAsync(url);
                    }
                    else
                    {
                        var tokenPage = await browser.GetPageAsync("/admin/account/login");
                        response = await browser.PostFormAsync(url, tokenPage, new() { ["id"] = "0" });
                    }

                    var location = response.Headers.Location?.ToString() ?? "";
                    // The access-denied page itself answers 403 to whoever may see it.
                    var denied = (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && page != typeof(AccessDeniedModel))
                                 || (response.StatusCode == HttpStatusCode.Redirect
                                     && (location.Contains("/admin/account/login?ReturnUrl=", StringComparison.OrdinalIgnoreCase) || location.Contains("accessdenied", StringComparison.OrdinalIgnoreCase)));
                    var allowed = required is null || (role is { } r && r >= required);
                    if (denied == allowed)
                    {
                        failures.Add($"{verb} {url} as {role?.ToString() ?? "anonymous"}: {(int)response.StatusCode} {location} (expected {(allowed ? "allowed" : "denied")})");
                    }
                }
            }

            if (page == typeof(LogoutModel))
            {
                browsers.Clear(); // signed out: sign in afresh
            }
        }

        failures.Should().BeEmpty();
    }

    private async Task<StaffBrowser> BrowserAsync(StaffRole? role)
    {
        var browser = new StaffBrowser(host.App);
        if (role is { } r)
        {
            var login = $"map{r}{Guid.NewGuid():N}"[..20].ToLowerInvariant();
            await StaffBrowser.CreateAccountAsync(host.App, login, "map-password", r);
            (await browser.LoginAsync(login, "map-password")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        return browser;
    }
}
