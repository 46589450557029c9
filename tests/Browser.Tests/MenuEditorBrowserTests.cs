using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HookahLounge.Browser.Tests;

/// <summary>The stop-list on a waiter's phone and the menu editor's drag-to-reorder, in a real browser.</summary>
public sealed class MenuEditorBrowserTests : IAsyncLifetime
{
    private BrowserApp _run = null!;
    private LoungeAppFactory _app = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        _run = await BrowserApp.StartAsync(new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        (_app, _browser, _baseUrl) = (_run.App, _run.Browser, _run.BaseUrl);
        await StaffBrowser.CreateAccountAsync(_app, "waiter", "waiter-password", StaffRole.Staff);
        await StaffBrowser.CreateAccountAsync(_app, "manager", "manager-password", StaffRole.Manager);
    }

    public async Task DisposeAsync() => await _run.DisposeAsync();

    private async Task<IPage> SignedInAsync(string login, int width, int height, bool javaScript = true)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, JavaScriptEnabled = javaScript });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{_baseUrl}/admin/account/login");
        await page.FillAsync("input[name='Input.Login']", login);
        await page.FillAsync("input[name='Input.Password']", $"{login}-password");
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.OrdinalIgnoreCase));
        return page;
    }

    private static Task<int> PageWidthAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    [BrowserFact]
    public async Task A_waiter_switches_the_stop_list_on_a_390_px_phone_without_javascript_and_nothing_scrolls_sideways()
    {
        var page = await SignedInAsync("waiter", 390, 844, javaScript: false);
        await page.GotoAsync($"{_baseUrl}/admin/stoplist");
        (await PageWidthAsync(page)).Should().BeLessThanOrEqualTo(390);

        var mintRow = page.Locator(".sl-row", new() { HasText = "Мята" });
        var mintSwitch = mintRow.Locator("button.sl-switch");
        (await mintSwitch.BoundingBoxAsync())!.Height.Should().BeGreaterThanOrEqualTo(44, "a switch is a thumb-sized target");
        for (var round = 0; round < 2; round++)
        {
            await mintSwitch.ClickAsync();
            (await mintSwitch.TextContentAsync()).Should().Be("СТОП");
            await mintSwitch.ClickAsync();
            (await mintSwitch.TextContentAsync()).Should().Be("В продаже");
        }

        await page.FillAsync("input[name=q]", "мята");
        await page.ClickAsync("form[role=search] button");
        await page.Locator(".sl-row input[type=checkbox]").First.CheckAsync();
        await page.ClickAsync("button[name=bulk][value=off]");
        (await page.Locator(".flash").TextContentAsync()).Should().Be("В стоп-листе: 1.");
        (await PageWidthAsync(page)).Should().BeLessThanOrEqualTo(390);

        await page.GotoAsync($"{_baseUrl}/menu");
        (await page.Locator("li.menu-item", new() { HasText = "Классический" }).Locator("p.menu-options", new() { HasText = "Вкусы" }).TextContentAsync())
            .Should().Contain("Мята — нет в наличии");
    }

    [BrowserFact]
    public async Task A_manager_drags_an_item_to_the_top_and_the_new_order_is_saved()
    {
        var page = await SignedInAsync("manager", 1366, 900);
        await page.GotoAsync($"{_baseUrl}/admin/menu");
        var drinks = page.Locator("section.me-section", new() { HasText = "Чай и напитки" });
        var rows = drinks.Locator("li[data-id]");
        var names = await rows.Locator("a.me-name").AllTextContentsAsync();

        (await page.Locator("ol.me-items.me-draggable").CountAsync()).Should().BeGreaterThan(0, "menu-editor.js has made the lists draggable");
        var saved = page.WaitForResponseAsync(r => r.Url.Contains("handler=Reorder", StringComparison.OrdinalIgnoreCase));
        await rows.Nth(2).DragToAsync(rows.Nth(0), new() { TargetPosition = new() { X = 20, Y = 2 } });
        (await saved).Status.Should().Be(204);

        await using var db = _app.Database.CreateContext();
        var stored = await db.MenuItems.Where(i => i.Category!.Slug == "drinks").OrderBy(i => i.SortOrder).Select(i => i.Name).ToListAsync();
        stored.Should().Equal([names[2], names[0], names[1], .. names.Skip(3)]);

        await page.ReloadAsync();
        (await drinks.Locator("li[data-id] a.me-name").AllTextContentsAsync()).Should().Equal(stored);
    }

    [BrowserFact]
    public async Task The_item_page_fits_a_390_px_phone()
    {
        var page = await SignedInAsync("manager", 390, 844);
        await page.GotoAsync($"{_baseUrl}/admin/menu");
        await page.Locator("a.me-name", new() { HasText = "Классический" }).ClickAsync();
        (await page.Locator("h1").TextContentAsync()).Should().Be("Классический");
        (await PageWidthAsync(page)).Should().BeLessThanOrEqualTo(390);
        await page.Locator("a", new() { HasText = "Табак" }).First.ClickAsync();
        (await PageWidthAsync(page)).Should().BeLessThanOrEqualTo(390);
    }
}
