using System.Net;
using HookahLounge.Core.Data;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Site.Tests;

/// <summary>Two identical hosts on one database, as behind a load balancer.</summary>
public sealed class TwoHostsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private LoungeAppFactory _a = null!;
    private LoungeAppFactory _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(TestDatabase.Preferred);
        var settings = new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false", ["Site:ContentVersionCheckSeconds"] = "0.2", ["Lounge:HoursCheckSeconds"] = "0.2" };
        _a = new LoungeAppFactory(_database, settings: settings).Start();
        _b = new LoungeAppFactory(_database, settings: settings).Start();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static async Task<string> MenuAsync(LoungeAppFactory host) =>
        Html.Parse(await host.CreateClient().GetStringAsync("/menu")).DocumentElement.OuterHtml.Replace("&nbsp;", "\u00A0", StringComparison.Ordinal);

    /// <summary>Polls until the condition holds; fails after the deadline.</summary>
    private static async Task<string> EventuallyAsync(Func<Task<string>> read, Func<string, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, what);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_menu_edit_on_one_host_retires_the_cached_menu_on_the_other()
    {
        (await MenuAsync(_b)).Should().Contain("890\u00A0₽", "host B now has the menu page cached");
        int id;
        await using (var db = _database.CreateContext())
        {
            id = await db.MenuItems.Where(i => i.Name == "Сырная тарелка").Select(i => i.Id).SingleAsync();
        }

        await using (var scope = _a.Services.CreateAsyncScope())
        {
            var editor = scope.ServiceProvider.GetRequiredService<MenuEditor>();
            var item = await scope.ServiceProvider.GetRequiredService<LoungeDbContext>().MenuItems.AsNoTracking().SingleAsync(i => i.Id == id);
            (await editor.SaveItemAsync(id, item.CategoryId, item.Name, item.Description, 955m, item.Tags, item.SortOrder, item.NameEn, item.DescriptionEn)).Error.Should().Be(MenuEditError.None);
        }

        await EventuallyAsync(() => MenuAsync(_b), html => html.Contains("955\u00A0₽", StringComparison.Ordinal), "host B should drop its cached menu");

        (await MenuAsync(_a)).Should().Contain("955\u00A0₽", "host A now has the new menu cached");
        await using (var scope = _b.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<MenuEditor>().SetItemAvailableAsync(id, available: false)).Should().Be(MenuEditError.None);
        }

        var menu = await EventuallyAsync(() => MenuAsync(_a), html => !html.Contains("955\u00A0₽", StringComparison.Ordinal), "host A should drop its cached menu after the stop-list change on B");
        Html.Parse(menu).QuerySelectorAll("li.menu-item").Single(li => li.QuerySelector("h3")!.TextContent == "Сырная тарелка").ClassList.Should().Contain("sold-out");
    }

    [Fact]
    public async Task A_sign_in_on_one_host_works_on_the_other_because_the_keys_are_shared()
    {
        await StaffBrowser.CreateAccountAsync(_a, "two-hosts", "owner-password", StaffRole.Owner);
        var onA = new StaffBrowser(_a);
        var page = await onA.GetPageAsync("/admin/account/login");
        var signIn = await onA.PostFormAsync("/admin/account/login", page, new() { ["Input.Login"] = "two-hosts", ["Input.Password"] = "owner-password" });
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".HookahLounge.Admin=", StringComparison.Ordinal)).Split(';')[0];

        var onB = _b.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/staff");
        request.Headers.Add("Cookie", cookie);
        var response = await onB.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "host B reads the cookie host A issued");
    }

    [Fact]
    public async Task Hours_changed_on_one_host_are_used_by_the_other_within_seconds()
    {
        var date = TestDates.NextWednesday();
        await using (var scope = _a.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<HookahLounge.Core.Lounge.OpeningScheduleStore>().SetExceptionAsync(date, null, null, "Санитарный день"))
                .Should().Be(HookahLounge.Core.Lounge.ScheduleError.None);
        }

        var lounge = _b.Services.GetRequiredService<HookahLounge.Core.Lounge.LoungeProfile>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (lounge.Hours.ForDate(date) is not null)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "host B should pick up the closed day from the database");
            await Task.Delay(100);
        }
    }
}
