using HookahLounge.Core.Promotions;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Site.Tests.Pages;

public sealed class CachedPagesTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/promos")]
    public async Task Home_and_promos_are_served_from_the_output_cache_and_a_promotion_change_shows_at_once(string path)
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Preferred);
        await using var app = new LoungeAppFactory(database);
        var client = app.CreateClient();
        var before = await (await client.GetAsync(path)).ReadHtmlAsync();
        before.QuerySelectorAll("article.promo h3").Select(h => h.TextContent).Should().Contain("Счастливые часы");

        // Behind the app's back: the cached page does not see it, so the page was not rendered again.
        await using (var db = database.CreateContext())
        {
            await db.Promotions.Where(p => p.Title == "Счастливые часы").ExecuteUpdateAsync(s => s.SetProperty(p => p.Title, "Тихо переименовано"));
        }

        var cached = await (await client.GetAsync(path)).ReadHtmlAsync();
        cached.QuerySelectorAll("article.promo h3").Select(h => h.TextContent).Should().Contain("Счастливые часы");

        // Through the board, as staff do: the cached pages are dropped.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var board = scope.ServiceProvider.GetRequiredService<PromotionBoard>();
            var promo = (await board.AllAsync()).Single(p => p.Title == "Тихо переименовано");
            (await board.SaveAsync(promo.Id, promo.Kind, "Счастливые часы 2.0", promo.Description, null, null, true, null, null)).Should().Be(PromotionError.None);
        }

        var after = await (await client.GetAsync(path)).ReadHtmlAsync();
        after.QuerySelectorAll("article.promo h3").Select(h => h.TextContent).Should().Contain("Счастливые часы 2.0");
    }
}
