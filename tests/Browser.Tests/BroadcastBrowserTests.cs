using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Staff;
using HookahLounge.Core.Visits;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HookahLounge.Browser.Tests;

/// <summary>A manager composing a broadcast in Chromium: the recipient count follows the audience fields as they change.</summary>
public sealed class BroadcastBrowserTests : IAsyncLifetime
{
    private BrowserApp _run = null!;

    public async Task InitializeAsync()
    {
        _run = await BrowserApp.StartAsync(new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        await StaffBrowser.CreateAccountAsync(_run.App, "marina", "marina-password-1", StaffRole.Manager);

        // Ру and En get promos in Telegram, Нет said no, Заблокировал blocked the bot; Телефон has only a phone and the
        // SMS consent, Без согласия only a phone. Ру and Телефон came this week.
        await using var scope = _run.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoungeDbContext>();
        var now = DateTime.UtcNow;
        Customer[] guests =
        [
            new() { Name = "Ру", TelegramUserId = 1, TelegramChatId = 1, PromoOptIn = true, Language = "ru", CreatedAtUtc = now },
            new() { Name = "En", TelegramUserId = 2, TelegramChatId = 2, PromoOptIn = true, Language = "en", CreatedAtUtc = now },
            new() { Name = "Нет", TelegramUserId = 3, TelegramChatId = 3, PromoOptIn = false, Language = "en", CreatedAtUtc = now },
            new() { Name = "Заблокировал", TelegramUserId = 4, TelegramChatId = 4, PromoOptIn = true, TelegramUnreachable = true, Language = "en", CreatedAtUtc = now },
            new() { Name = "Телефон", Phone = "+79160000101", SmsOptIn = true, Language = "ru", CreatedAtUtc = now },
            new() { Name = "Без согласия", Phone = "+79160000102", Language = "ru", CreatedAtUtc = now },
        ];
        db.Customers.AddRange(guests);
        await db.SaveChangesAsync();
        var table = await db.Tables.Select(t => t.Id).FirstAsync();
        db.Visits.AddRange(
            new Visit { CustomerId = guests[0].Id, TableId = table, OpenedAtUtc = now.AddDays(-3), ClosedAtUtc = now.AddDays(-3).AddHours(2) },
            new Visit { CustomerId = guests[4].Id, TableId = table, OpenedAtUtc = now.AddDays(-2), ClosedAtUtc = now.AddDays(-2).AddHours(2) });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _run.DisposeAsync();

    [BrowserFact]
    public async Task The_recipient_count_follows_the_audience_fields_without_a_reload()
    {
        var page = await _run.Browser.NewPageAsync(new() { BaseURL = _run.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, Locale = "ru-RU" });
        page.SetDefaultTimeout(30_000);
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add(message.Text);
            }
        };
        await page.GotoAsync("/admin/account/login?returnUrl=%2Fadmin%2Fbroadcasts%2Fedit");
        await page.GetByLabel("Логин").FillAsync("marina");
        await page.GetByLabel("Пароль").FillAsync("marina-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.Equals("/admin/broadcasts/edit", StringComparison.OrdinalIgnoreCase));
        (await page.Locator("script[src*='/js/broadcast-count']").CountAsync()).Should().Be(1);
        var address = page.Url;

        var count = page.Locator("output.recipient-count");
        (await count.GetAttributeAsync("aria-live")).Should().Be("polite");

        // Counted as soon as the page opens: every subscriber in Telegram.
        await Expect(count).ToHaveTextAsync("Получателей: 2 (Telegram: 2, SMS: 0)");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Посчитать получателей" })).ToBeHiddenAsync();
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        var language = page.Locator("select[name='Input.Language']");
        var visited = page.GetByLabel("Были за последние N дней");
        var sms = page.GetByLabel("только с телефоном", new() { Exact = false });
        for (var round = 1; round <= 2; round++)
        {
            await sms.CheckAsync();
            await Expect(count).ToHaveTextAsync("Получателей: 3 (Telegram: 2, SMS: 1)");

            await language.SelectOptionAsync("en");
            await Expect(count).ToHaveTextAsync("Получателей: 1 (Telegram: 1, SMS: 0)");

            // Changed again before the count came: only the last choice is counted.
            await language.SelectOptionAsync("");
            await visited.FillAsync("7");
            await Expect(count).ToHaveTextAsync("Получателей: 2 (Telegram: 1, SMS: 1)");

            await visited.FillAsync("0");
            await Expect(count).ToHaveTextAsync("«Были за последние N дней»: число от 1 до 3650.");

            await visited.FillAsync("");
            await sms.UncheckAsync();
            await Expect(count).ToHaveTextAsync("Получателей: 2 (Telegram: 2, SMS: 0)");
        }

        (await page.EvaluateAsync<bool>("() => window.sameDocument === true")).Should().BeTrue("the count changed in the open page, which was never reloaded");
        page.Url.Should().Be(address);
        blocked.Should().BeEmpty("the admin's content policy lets the app's own script run and fetch");

        // Without JavaScript the button is there and counts on the server (on a new broadcast its address once came out empty).
        await using var plain = await _run.Browser.NewContextAsync(new() { BaseURL = _run.BaseUrl, JavaScriptEnabled = false, Locale = "ru-RU" });
        var noScript = await plain.NewPageAsync();
        noScript.SetDefaultTimeout(30_000);
        await noScript.GotoAsync("/admin/account/login?returnUrl=%2Fadmin%2Fbroadcasts%2Fedit");
        await noScript.GetByLabel("Логин").FillAsync("marina");
        await noScript.GetByLabel("Пароль").FillAsync("marina-password-1");
        await noScript.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await noScript.Locator("select[name='Input.Language']").SelectOptionAsync("en");
        await Expect(noScript.Locator("output.recipient-count")).ToBeEmptyAsync();
        await noScript.GetByRole(AriaRole.Button, new() { Name = "Посчитать получателей" }).ClickAsync();
        await noScript.WaitForURLAsync(url => url.Contains("handler=Count", StringComparison.OrdinalIgnoreCase));
        await Expect(noScript.Locator("output.recipient-count")).ToHaveTextAsync("Получателей: 1 (Telegram: 1, SMS: 0)");
        await Expect(noScript.Locator("select[name='Input.Language']")).ToHaveValueAsync("en");
        await using (var scope = _run.App.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<LoungeDbContext>().Broadcasts.CountAsync()).Should().Be(0, "counting saves nothing");
        }

        // And the new broadcast is saved with the audience that was counted.
        await noScript.GetByLabel("Название (для списка)").FillAsync("Вечер для англоязычных гостей");
        await noScript.Locator("textarea[name='Input.Text']").FillAsync("<b>Пятница</b>: живая музыка");
        await noScript.GetByRole(AriaRole.Button, new() { Name = "Сохранить черновик" }).ClickAsync();
        await noScript.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(new Uri(url).AbsolutePath, "/edit/[0-9]+$", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await Expect(noScript.Locator(".flash")).ToContainTextAsync("Черновик сохранён");
        await using (var scope = _run.App.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<LoungeDbContext>().Broadcasts.SingleAsync();
            saved.Title.Should().Be("Вечер для англоязычных гостей");
            Core.Broadcasts.AudienceFilter.FromJson(saved.AudienceJson).Language.Should().Be("en");
        }
    }
}
