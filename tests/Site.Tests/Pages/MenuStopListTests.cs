using HookahLounge.Core.Data;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Site.Tests.Pages;

public sealed class MenuStopListTests
{
    [Fact]
    public async Task A_stop_listed_item_is_shown_as_sold_out_without_a_price()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Preferred);
        await using var app = new LoungeAppFactory(database);
        var client = app.CreateClient();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LoungeDbContext>();
            await db.MenuItems.Where(i => i.Name == "Сырная тарелка").ExecuteUpdateAsync(s => s.SetProperty(i => i.IsAvailable, false));
        }

        var page = await (await client.GetAsync("/menu")).ReadHtmlAsync();

        var item = page.QuerySelectorAll("li.menu-item").Single(li => li.QuerySelector("h3")!.TextContent == "Сырная тарелка");
        item.ClassList.Should().Contain("sold-out");
        item.QuerySelector(".price")!.TextContent.Should().Be("Нет в наличии");
    }
}
