using System.Globalization;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HookahLounge.Browser.Tests;

/// <summary>A busy night in a real browser: the live order board on a phone, and the host confirming and moving site bookings.</summary>
public sealed class ServiceBrowserTests : IAsyncLifetime
{
    private BrowserApp _run = null!;
    private LoungeAppFactory _app = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        _run = await BrowserApp.StartAsync(new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        (_app, _browser, _baseUrl) = (_run.App, _run.Browser, _run.BaseUrl);
        await StaffBrowser.CreateAccountAsync(_app, "anna", "anna-password-1", StaffRole.Staff);
    }

    public async Task DisposeAsync() => await _run.DisposeAsync();

    private async Task<IPage> SignInAsync(int width, int height, string login, string password, string returnUrl)
    {
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync($"{_baseUrl}/admin/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByLabel("Логин").FillAsync(login);
        await page.GetByLabel("Пароль").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery.Equals(returnUrl, StringComparison.OrdinalIgnoreCase));
        return page;
    }

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<int> PlaceOrderAsync(int customerId, int table) => WithAsync(async s =>
    {
        var tea = await s.GetRequiredService<LoungeDbContext>().MenuItems.Where(i => i.Name.StartsWith("Пуэр")).Select(i => i.Id).FirstAsync();
        var result = await s.GetRequiredService<OrderService>().PlaceAsync(new PlaceOrder(customerId, OrderType.AtTable, [new(tea, 1)], TableNumber: table));
        return result.Order!.Id;
    });

    [BrowserFact]
    public async Task New_orders_appear_on_the_phone_board_without_a_reload_and_a_reason_being_typed_survives()
    {
        var guest = await WithAsync(async s =>
        {
            var db = s.GetRequiredService<LoungeDbContext>();
            var customer = new Customer { TelegramUserId = 9001, TelegramChatId = 9001, Name = "Вика", Tags = CustomerTags.FromText("VIP"), Notes = "без мяты", CreatedAtUtc = DateTime.UtcNow };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            return customer;
        });
        var first = await PlaceOrderAsync(guest.Id, 3);

        var page = await SignInAsync(390, 844, "anna", "anna-password-1", "/admin/orders");
        (await page.Locator("meta[http-equiv=refresh]").CountAsync()).Should().Be(0);
        await page.Locator("label.sound-toggle").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await page.EvaluateAsync("() => { window.sameDocument = true; }");
        var reason = page.GetByLabel($"Причина отказа №{first}");
        await reason.FillAsync("Закончилась мята, предложим другой вкус");
        for (var round = 1; round <= 2; round++)
        {
            var scrolled = await page.EvaluateAsync<double>("() => { window.scrollTo(0, 120); return window.scrollY; }");
            scrolled.Should().BeGreaterThan(0, "the phone board is taller than the screen");
            var next = await PlaceOrderAsync(guest.Id, 4 + round);
            var card = page.Locator($"section.column-new article[data-key='order-{next}']");
            await card.WaitForAsync(new() { Timeout = 20_000 });

            (await page.EvaluateAsync<bool>("() => window.sameDocument === true")).Should().BeTrue("the board merged the news into the open page");
            (await reason.InputValueAsync()).Should().Be("Закончилась мята, предложим другой вкус");
            (await card.GetAttributeAsync("class"))!.Split(' ').Should().Contain("fresh");
            (await page.Locator("#board-news").TextContentAsync()).Should().Contain($"Новый заказ №{next}");
            (await page.TitleAsync()).Should().StartWith($"({round})");
            (await card.TextContentAsync()).Should().Contain("к столу " + (4 + round)).And.Contain("vip").And.Contain("без мяты");
            (await page.EvaluateAsync<double>("() => window.scrollY")).Should().BeApproximately(scrolled, 1, "the scroll stays where staff left it");

            await card.GetByRole(AriaRole.Button, new() { Name = "Принять" }).ClickAsync();
            await page.Locator($"section.column-accepted article[data-key='order-{next}']").WaitForAsync();
            (await page.EvaluateAsync<bool>("() => window.sameDocument === true")).Should().BeTrue("the tap was posted in the background");
            (await reason.InputValueAsync()).Should().Be("Закончилась мята, предложим другой вкус");
        }

        var tapHeight = await page.Locator($"article[data-key='order-{first}'] button").First.EvaluateAsync<double>("b => b.getBoundingClientRect().height");
        tapHeight.Should().BeGreaterThanOrEqualTo(44, "buttons are sized for a finger");
        (await page.EvaluateAsync<double>("() => document.getElementById('board').getBoundingClientRect().right")).Should().BeLessThanOrEqualTo(390, "the board fits a 390 px phone");

        await page.GetByLabel($"Причина отказа №{first}").PressAsync("Enter");
        await page.Locator($"[data-list=finished] [data-key='done-{first}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator($"article[data-key='order-{first}']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        (await page.Locator(".flash").TextContentAsync()).Should().Be($"Заказ №{first}: отклонён. Гость получит уведомление.");
        await using var db = _app.Database.CreateContext();
        var stored = await db.Orders.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
        stored.Select(o => o.Status).Should().Equal(OrderStatus.Declined, OrderStatus.Accepted, OrderStatus.Accepted);
        (await db.OrderStatusChanges.SingleAsync(c => c.OrderId == first)).Reason.Should().Be("Закончилась мята, предложим другой вкус");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "order-board-phone.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task Staff_see_site_bookings_on_the_timeline_confirm_them_and_move_one_by_dragging()
    {
        var day = TestDates.NextWednesday();
        var date = TestDates.NextWednesdayText();
        var bookings = new List<Booking>();
        foreach (var (name, time, phone) in new[] { ("Марина", new TimeOnly(19, 0), "+7 916 200-00-01"), ("Кира", new TimeOnly(20, 0), "+7 916 200-00-02") })
        {
            var result = await WithAsync(s => s.GetRequiredService<BookingService>().CreateAsync(
                new BookingRequest(day, time, 2, 120, BookingSource.Site, name, phone, ConsentGiven: true, Comment: name == "Кира" ? new string('Ж', 1000) : null)));
            result.Error.Should().Be(BookingError.None);
            bookings.Add(result.Booking!);
        }

        var page = await SignInAsync(1366, 768, "anna", "anna-password-1", $"/admin/bookings?date={date}");
        foreach (var booking in bookings)
        {
            var block = page.Locator($"td[data-booking='{booking.Id}'] .booking-block");
            (await block.TextContentAsync()).Should().Contain(booking.GuestName).And.Contain("2 гост.");
            (await page.Locator($"td[data-booking='{booking.Id}']").GetAttributeAsync("class"))!.Should().Contain("status-new");

            await page.Locator($"#booking-{booking.Id}").GetByRole(AriaRole.Button, new() { Name = "Подтвердить" }).ClickAsync();
            await page.Locator(".flash").Filter(new() { HasText = $"Бронь {booking.Code}: подтверждена" }).WaitForAsync();
            (await page.Locator($"td[data-booking='{booking.Id}']").GetAttributeAsync("class"))!.Should().Contain("status-confirmed");
        }

        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(1366, "a 1,000-character comment wraps instead of widening the page");

        var marina = bookings[0];
        var table = await WithAsync(s => s.GetRequiredService<LoungeDbContext>().Tables.AsNoTracking().SingleAsync(t => t.Number == 9));
        // The HTML5 drag events as Chromium fires them for a mouse drag, with one DataTransfer between them.
        var transfer = await page.EvaluateHandleAsync("() => new DataTransfer()");
        var target = page.Locator($"td.slot[data-table='{table.Id}'][data-time='22:00'] a.book");
        await page.Locator($"td[data-booking='{marina.Id}'] .booking-block").DispatchEventAsync("dragstart", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await target.DispatchEventAsync("dragover", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await target.DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await page.Locator(".flash").Filter(new() { HasText = $"Бронь {marina.Code} перенесена: 22:00, стол 9" }).WaitForAsync();

        await using var db = _app.Database.CreateContext();
        var stored = await db.Bookings.AsNoTracking().OrderBy(b => b.Id).ToListAsync();
        stored.Select(b => b.Status).Should().Equal(BookingStatus.Confirmed, BookingStatus.Confirmed);
        stored[0].TableId.Should().Be(table.Id);
        TimeZoneInfo.ConvertTimeBySystemTimeZoneId(stored[0].StartUtc, "Europe/Moscow").ToString("HH:mm", CultureInfo.InvariantCulture).Should().Be("22:00");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "bookings-timeline.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task Notifications_with_long_texts_fit_the_screen_and_show_no_markup()
    {
        await StaffBrowser.CreateAccountAsync(_app, "maria", "maria-password-1", StaffRole.Manager);
        await WithAsync(s => s.GetRequiredService<BookingService>().CreateAsync(new BookingRequest(
            TestDates.NextWednesday(), new TimeOnly(21, 0), 2, 120, BookingSource.Phone, "Длинный", "+7 916 200-00-03", Comment: new string('Ж', 1000))));

        var page = await SignInAsync(1366, 768, "maria", "maria-password-1", "/admin/notifications");

        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(1366);
        var texts = await page.Locator("td.text").AllTextContentsAsync();
        texts.Should().Contain(t => t.Contains("Новая бронь", StringComparison.Ordinal)).And.NotContain(t => t.Contains("<b>", StringComparison.Ordinal));
    }
}
