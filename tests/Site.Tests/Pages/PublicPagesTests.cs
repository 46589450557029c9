using System.Net;
using System.Text.Json;
using HookahLounge.Core.Data;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Site.Tests.Pages;

public sealed class PublicPagesTests : IClassFixture<SiteHost>
{
    public PublicPagesTests(SiteHost site)
    {
        Client = site.App.CreateClient(new() { AllowAutoRedirect = false });
    }

    // A new client per test: a culture cookie from one test must not leak into another.
    private HttpClient Client { get; }

    [Fact]
    public async Task Health_reports_the_database_as_healthy()
    {
        var response = await Client.GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("status").GetString().Should().Be("Healthy");
        json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().Should().Be("Healthy");
    }

    [Fact]
    public async Task Home_shows_the_lounge_its_hours_and_calls_to_action_in_russian()
    {
        var page = await (await Client.GetAsync("/")).ReadHtmlAsync();

        page.DocumentElement.GetAttribute("lang").Should().Be("ru");
        page.QuerySelector("h1")!.TextContent.Should().Be("Облака Лаунж");
        page.QuerySelector(".status")!.TextContent.Should().MatchRegex("Сейчас (открыто|закрыто)");
        page.QuerySelectorAll("table.hours tr").Should().HaveCount(7);
        page.QuerySelectorAll("table.hours tr.today").Should().ContainSingle();
        page.QuerySelector("table.hours")!.TextContent.Should().Contain("Пятница").And.Contain("14:00–04:00").And.Contain("до 04:00 следующего дня");
        page.QuerySelectorAll("a[href='/menu']").Should().NotBeEmpty();
        page.QuerySelectorAll("a[href='https://t.me/oblaka_test_bot']").Should().ContainSingle();
        page.QuerySelectorAll("a[href='tel:+74951234567']").Should().NotBeEmpty();
        page.QuerySelectorAll("script[src]").Should().BeEmpty("the public pages work without JavaScript");
        page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")).Should().OnlyContain(href => href!.StartsWith("/", StringComparison.Ordinal), "assets are served by the app, never a CDN");
    }

    [Fact]
    public async Task Menu_lists_every_category_with_anchors_and_prices_in_roubles()
    {
        var page = await (await Client.GetAsync("/menu")).ReadHtmlAsync();

        page.QuerySelectorAll("nav.chips a").Select(a => a.GetAttribute("href")).Should().Equal("#hookahs", "#drinks", "#snacks");
        var hookahs = page.QuerySelector("section#hookahs")!;
        hookahs.QuerySelector("h2")!.TextContent.Should().Be("Кальяны");
        var classic = hookahs.QuerySelectorAll("li.menu-item").Single(li => li.QuerySelector("h3")!.TextContent == "Классический");
        classic.QuerySelector(".price")!.TextContent.Should().Be("1\u00A0400\u00A0₽");
        page.QuerySelector("section#drinks")!.TextContent.Should().Contain("Молочный улун");
    }

    [Fact]
    public async Task Promos_page_lists_promos_and_upcoming_events()
    {
        var page = await (await Client.GetAsync("/promos")).ReadHtmlAsync();

        var titles = page.QuerySelectorAll("article.promo h3").Select(h => h.TextContent).ToList();
        titles.Should().Contain(["Счастливые часы", "DJ-вечер: deep house", "Турнир по мафии"]);
        page.QuerySelectorAll("article.promo time").Should().NotBeEmpty("events show when they start");
    }

    [Fact]
    public async Task Contacts_show_address_phone_hours_map_with_a_plain_fallback_and_structured_data()
    {
        var page = await (await Client.GetAsync("/contacts")).ReadHtmlAsync();

        page.QuerySelector(".address")!.TextContent.Should().Be("Москва, ул. Покровка, 17, стр. 1");
        page.QuerySelector("a[href='tel:+74951234567']")!.TextContent.Should().Be("+7 (495) 123-45-67");
        var map = page.QuerySelector("iframe.map")!;
        map.GetAttribute("src").Should().StartWith("http://127.0.0.1:9/map-widget/v1/?ll=37.645873,55.759256");
        map.GetAttribute("loading").Should().Be("lazy");
        page.QuerySelector(".map-box .map-fallback")!.TextContent.Should().Contain("Покровка", "the address is readable even when the map never loads");
        page.QuerySelectorAll("a[href^='http://127.0.0.1:9/maps/?pt=37.645873,55.759256']").Should().HaveCountGreaterThanOrEqualTo(1);
        page.QuerySelectorAll("table.hours tr.today").Should().ContainSingle();

        var ld = page.QuerySelector("script[type='application/ld+json']")!.TextContent;
        using var json = JsonDocument.Parse(ld);
        var root = json.RootElement;
        root.GetProperty("@type").GetString().Should().Be("BarOrPub");
        root.GetProperty("name").GetString().Should().Be("Облака Лаунж");
        root.GetProperty("geo").GetProperty("latitude").GetDouble().Should().BeApproximately(55.759256, 1e-6);
        root.GetProperty("address").GetProperty("streetAddress").GetString().Should().Contain("Покровка");
        var friday = root.GetProperty("openingHoursSpecification").EnumerateArray().Single(d => d.GetProperty("dayOfWeek").GetString() == "https://schema.org/Friday");
        friday.GetProperty("opens").GetString().Should().Be("14:00");
        friday.GetProperty("closes").GetString().Should().Be("04:00");
    }

    [Fact]
    public async Task English_is_available_and_remembered_in_a_cookie()
    {
        var response = await Client.GetAsync("/contacts?culture=en");
        var page = await response.ReadHtmlAsync();

        page.DocumentElement.GetAttribute("lang").Should().Be("en");
        page.QuerySelector("h1")!.TextContent.Should().Be("Contacts");
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_page_gets_a_friendly_404()
    {
        var response = await Client.GetAsync("/no-such-page");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.ReadHtmlAsync()).QuerySelector("h1")!.TextContent.Should().Be("Страница не найдена");
    }

    [Fact]
    public async Task Pages_send_protective_headers()
    {
        var response = await Client.GetAsync("/");

        response.Headers.GetValues("X-Content-Type-Options").Should().Contain("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Contain("DENY");
    }

    [Fact]
    public async Task The_site_runs_with_the_bot_switched_off()
    {
        (await Client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Client.PostAsync("/telegram/webhook", new StringContent("{}"))).IsSuccessStatusCode.Should().BeFalse("no webhook is mapped without a bot");
    }
}
