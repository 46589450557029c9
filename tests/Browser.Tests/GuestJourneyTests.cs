using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Menu;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HookahLounge.Browser.Tests;

/// <summary>What a guest does on a phone, in Chromium: book a table (twice in a row) and read the menu with its stop-list.</summary>
[Collection(LoungeBrowserCollection.Name)]
public sealed partial class GuestJourneyTests(LoungeBrowserFixture lounge)
{
    private const string GuestPhone = "+7 916 555-12-34";

    [GeneratedRegex(@"/booking/[A-Z0-9]{6}\?token=")]
    private static partial Regex BookingPage();

    [BrowserFact]
    public async Task A_guest_books_a_table_on_a_phone_twice_and_sees_each_confirmation()
    {
        await using var context = await lounge.NewContextAsync(LoungeBrowserFixture.Phone);
        var page = await lounge.NewPageAsync(context);
        var day = TestDates.NextWednesdayText();
        var codes = new List<string>();

        foreach (var (time, firstVisit) in new[] { ("19:00", true), ("22:30", false) })
        {
            await page.GotoAsync("/booking");
            await page.GetByLabel("Дата").SelectOptionAsync(day);
            await page.GetByLabel("Гостей").SelectOptionAsync("3");
            await page.GetByRole(AriaRole.Button, new() { Name = "Показать свободное время" }).ClickAsync();

            await page.WaitForURLAsync(url => url.EndsWith("#times", StringComparison.Ordinal));
            await Expect(page.Locator("#times h2")).ToBeInViewportAsync();
            (await page.EvaluateAsync<double>("() => window.scrollY")).Should().BeGreaterThan(0, "the phone lands on the times, not on the top of the form");

            if (firstVisit)
            {
                // Sent empty: every problem at once, in red, beside its field, and still on the times.
                await page.GetByRole(AriaRole.Button, new() { Name = "Забронировать" }).ClickAsync();
                var nameError = page.Locator("#name-error");
                await Expect(nameError).ToHaveTextAsync("Укажите имя.");
                await Expect(page.Locator("#phone-error")).ToContainTextAsync("Укажите телефон");
                await Expect(page.Locator("[data-valmsg-for='Guest.Time']")).ToContainTextAsync("Выберите время");
                await Expect(page.Locator("[data-valmsg-for='Guest.Adult']")).ToContainTextAsync("18 лет");
                var color = await nameError.EvaluateAsync<int[]>("e => getComputedStyle(e).color.match(/\\d+/g).map(Number)");
                color[0].Should().BeGreaterThan(color[1] + 60, "an error is red, not grey like a label ({0})", string.Join(",", color));
                await Expect(page.Locator("#times h2")).ToBeInViewportAsync();
                var axe = await page.RunAxe();
                axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).Should().BeEmpty();
            }

            await page.Locator("label.time", new() { HasText = time }).ClickAsync();
            await page.GetByLabel("Имя").FillAsync("Мария");
            await page.GetByLabel("Телефон").FillAsync(GuestPhone);
            await page.GetByLabel("Я согласен(на) на обработку персональных данных для брони").CheckAsync();
            await page.GetByLabel("Мне исполнилось 18 лет").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Забронировать" }).ClickAsync();

            await page.WaitForURLAsync(BookingPage());
            await Expect(page.Locator("h1")).ToHaveTextAsync(new Regex("^Бронь [A-Z0-9]{6}$"));
            await Expect(page.Locator(".notice")).ToContainTextAsync("администратор перезвонит");
            await Expect(page.Locator(".facts")).ToContainTextAsync(time + " – ");
            await Expect(page.Locator("section.visit a[href^='tel:']")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Добавить в календарь" })).ToBeVisibleAsync();
            codes.Add((await page.Locator("h1").TextContentAsync())!["Бронь ".Length..]);
        }

        codes.Distinct().Should().HaveCount(2);
        await using var db = lounge.App.Database.CreateContext();
        var stored = await db.Bookings.Where(b => codes.Contains(b.Code)).OrderBy(b => b.StartUtc).ToListAsync();
        stored.Select(b => (b.GuestPhone, b.PartySize, b.Status, b.Source)).Should().Equal(
            ("+79165551234", 3, BookingStatus.New, BookingSource.Site),
            ("+79165551234", 3, BookingStatus.New, BookingSource.Site));
    }

    [BrowserFact]
    public async Task An_item_put_on_the_stop_list_shows_greyed_out_on_the_menu_and_back_when_it_returns()
    {
        int itemId;
        await using (var db = lounge.App.Database.CreateContext())
        {
            itemId = await db.MenuItems.Where(i => i.Name == "Сырная тарелка").Select(i => i.Id).SingleAsync();
        }

        await using var context = await lounge.NewContextAsync(LoungeBrowserFixture.Phone);
        var page = await lounge.NewPageAsync(context);
        var item = page.Locator("li.menu-item", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Сырная тарелка", Exact = true }) });

        foreach (var available in new[] { false, true, false })
        {
            await using (var scope = lounge.App.Services.CreateAsyncScope())
            {
                (await scope.ServiceProvider.GetRequiredService<MenuEditor>().SetItemAvailableAsync(itemId, available)).Should().Be(MenuEditError.None);
            }

            await page.GotoAsync("/menu");

            if (available)
            {
                await Expect(item).Not.ToHaveClassAsync(new Regex("sold-out"));
                await Expect(item.Locator(".price")).ToContainTextAsync("₽");
                continue;
            }

            await Expect(item).ToHaveClassAsync(new Regex("sold-out"));
            await Expect(item.Locator(".price")).ToHaveTextAsync("Нет в наличии");
            // Greyed out, yet still readable (axe checks the contrast in the page sweep).
            (await item.Locator("h3").EvaluateAsync<string>("e => getComputedStyle(e).color")).Should().Be("rgb(167, 159, 176)", "a stop-listed item is greyed out");
            (await item.Locator("h3").EvaluateAsync<string>("e => getComputedStyle(e).textDecorationLine")).Should().Be("line-through");
        }
    }
}
