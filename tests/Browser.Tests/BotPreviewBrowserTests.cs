using HookahLounge.Bot.Preview;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HookahLounge.Browser.Tests;

/// <summary>The bot preview in a real browser: a guest orders, staff accept in the staff chat, the guest sees it — on one screen.</summary>
public sealed class BotPreviewBrowserTests : IAsyncLifetime
{
    private BrowserApp _run = null!;
    private LoungeAppFactory _app = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        _run = await BrowserApp.StartAsync(new Dictionary<string, string?>
        {
            [BotPreviewRegistration.EnabledKey] = "true",
            ["Notifications:PollIntervalSeconds"] = "0.2",
        });
        (_app, _browser, _baseUrl) = (_run.App, _run.Browser, _run.BaseUrl);
        await StaffBrowser.CreateAccountAsync(_app, "anna", "anna-password-1", StaffRole.Staff);
    }

    public async Task DisposeAsync() => await _run.DisposeAsync();

    [BrowserFact]
    public async Task A_guest_orders_a_hookah_staff_accept_it_and_the_guest_sees_it_accepted()
    {
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync($"{_baseUrl}/admin/account/login?returnUrl=%2Fadmin%2Fbot");
        await page.GetByLabel("Логин").FillAsync("anna");
        await page.GetByLabel("Пароль").FillAsync("anna-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/bot**", new() { WaitUntil = WaitUntilState.Commit });

        await page.GetByPlaceholder("Имя").FillAsync("Олег");
        await page.GetByRole(AriaRole.Button, new() { Name = "Начать чат" }).ClickAsync();
        var guest = page.Locator("section.tg-chat:not(.staff)");
        var staff = page.Locator("section.tg-chat.staff");

        async Task TapAsync(string label)
        {
            await guest.Locator(".tg-message.bot").Last.GetByRole(AriaRole.Button, new() { Name = label }).First.ClickAsync();
        }

        await guest.GetByText("старше 18 лет").WaitForAsync();
        await TapAsync("✅ Да, мне есть 18");
        await guest.GetByText("Чем можем помочь").WaitForAsync();
        await TapAsync("📋 Меню");
        await guest.GetByText("выберите раздел").WaitForAsync();
        await TapAsync("Кальяны");
        await guest.GetByText("Глиняная чаша").WaitForAsync();
        await TapAsync("Классический · 1");
        await guest.GetByText("Крепость:").WaitForAsync();
        await TapAsync("✅ В корзину");
        await guest.GetByText("Итого").WaitForAsync();
        await TapAsync("✅ Оформить");
        await TapAsync("🪑 К моему столу");
        await guest.GetByText("За каким вы столом").WaitForAsync();
        await page.GetByLabel("Сообщение боту").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Отправить" }).ClickAsync();
        await guest.GetByText("Комментарий к заказу").WaitForAsync();
        await TapAsync("Без комментария");
        await guest.GetByText("Ваш заказ").WaitForAsync();
        await TapAsync("✅ Подтвердить");

        await staff.GetByText("Заказ №").First.WaitForAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "✅ Принять" }).ClickAsync();
        await guest.GetByText("принят").First.WaitForAsync();
        await staff.GetByText("Статус: принят — anna").WaitForAsync();
        (await page.EvaluateAsync<bool>("() => !!window.EventSource && document.querySelectorAll('script[src*=\"bot-preview\"]').length === 1")).Should().BeTrue();
        page.Url.Should().NotContain("handler=", "with the script every action is posted in the background and the chats refresh by themselves");

        await using var db = _app.Database.CreateContext();
        (await db.Orders.SingleAsync()).Status.Should().Be(OrderStatus.Accepted);
        (await staff.GetByRole(AriaRole.Button, new() { Name = "✅ Принять" }).CountAsync()).Should().Be(0, "the staff post keeps only the buttons that still apply");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "bot-preview.png"), FullPage = true });
    }
}
