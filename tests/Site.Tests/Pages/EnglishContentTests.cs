using HookahLounge.Testing;

namespace HookahLounge.Site.Tests.Pages;

/// <summary>The demo lounge read by an English guest: sections, items and promos in English.</summary>
public sealed class EnglishContentTests(SiteHost site) : IClassFixture<SiteHost>
{
    [Fact]
    public async Task An_english_guest_reads_the_menu_and_promos_in_english_and_the_next_russian_guest_in_russian()
    {
        var english = site.App.CreateClient();

        var menu = await (await english.GetAsync("/menu?culture=en")).ReadHtmlAsync();
        var promos = await (await english.GetAsync("/promos")).ReadHtmlAsync();
        var home = await (await english.GetAsync("/")).ReadHtmlAsync();

        menu.QuerySelectorAll("section.menu-section h2").Select(h => h.TextContent).Should().Equal("Hookahs", "Tea and drinks", "Snacks and desserts");
        menu.QuerySelectorAll("section#drinks h3").Select(h => h.TextContent).Should().Contain("Milk oolong, 0.8 l pot");
        menu.QuerySelector("section#hookahs")!.TextContent.Should().Contain("Clay bowl packed to your taste").And.NotContain("Классический");
        promos.QuerySelectorAll("article.promo h3").Select(h => h.TextContent).Should().Contain(["Happy hours", "DJ night: deep house"]);
        promos.QuerySelector("main")!.TextContent.Should().Contain("20% off all hookahs").And.NotContain("Счастливые часы");
        home.QuerySelectorAll("article.promo h3").Select(h => h.TextContent).Should().Contain("Happy hours");

        var russian = site.App.CreateClient();
        (await (await russian.GetAsync("/menu")).ReadHtmlAsync()).QuerySelectorAll("section.menu-section h2").Select(h => h.TextContent)
            .Should().Equal("Кальяны", "Чай и напитки", "Закуски и десерты");
        (await (await russian.GetAsync("/promos")).ReadHtmlAsync()).QuerySelectorAll("article.promo h3").Select(h => h.TextContent).Should().Contain("Счастливые часы");
    }
}
