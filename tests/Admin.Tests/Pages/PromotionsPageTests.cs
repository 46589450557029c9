using System.Globalization;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Admin.Tests.Pages;

public sealed class PromotionsPageTests
{
    [Fact]
    public async Task A_manager_publishes_an_event_guests_see_it_and_bad_dates_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Preferred);
        await using var app = new LoungeAppFactory(database);
        await StaffBrowser.CreateAccountAsync(app, "manager", "manager-password", StaffRole.Manager);
        var browser = new StaffBrowser(app);
        await browser.LoginAsync("manager", "manager-password");
        var page = await browser.GetPageAsync("/admin/promotions");
        var start = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd'T'20:00", CultureInfo.InvariantCulture);

        await browser.PostFormAsync("/admin/promotions?handler=Save", page, new()
        {
            ["kind"] = "Event", ["title"] = "Турнир по FIFA", ["description"] = "PS5, призы", ["starts"] = start, ["ends"] = "", ["published"] = "true",
        });
        (await browser.GetPageAsync("/admin/promotions")).QuerySelector(".flash")!.TextContent.Should().Contain("уже на сайте");
        (await (await app.CreateClient().GetAsync("/promos")).ReadHtmlAsync()).QuerySelectorAll("article.promo h3").Select(h => h.TextContent).Should().Contain("Турнир по FIFA");

        await browser.PostFormAsync("/admin/promotions?handler=Save", page, new()
        {
            ["kind"] = "Event", ["title"] = "Без даты", ["description"] = "x", ["starts"] = "", ["ends"] = "",
        });
        (await browser.GetPageAsync("/admin/promotions")).QuerySelector(".flash")!.TextContent.Should().Contain("Ничего не изменено");
        await using var db = database.CreateContext();
        (await db.Promotions.AnyAsync(p => p.Title == "Без даты")).Should().BeFalse();
    }
}
