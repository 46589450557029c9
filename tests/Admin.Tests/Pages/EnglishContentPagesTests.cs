using System.Globalization;
using AngleSharp.Dom;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Admin.Tests.Pages;

/// <summary>English names and descriptions written in the back office reach English guests on the site; Russian guests keep Russian.</summary>
public sealed class EnglishContentPagesTests : IAsyncLifetime
{
    private LoungeAppFactory _app = null!;
    private StaffBrowser _manager = null!;

    public async Task InitializeAsync()
    {
        _app = new LoungeAppFactory(await TestDatabase.CreateAsync(TestDatabase.Preferred), settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        await StaffBrowser.CreateAccountAsync(_app, "manager", "manager-password", StaffRole.Manager);
        _manager = new StaffBrowser(_app);
        await _manager.LoginAsync("manager", "manager-password");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _app.Database.DisposeAsync();
    }

    /// <summary>A page as a new guest reads it: "?culture=en" from the language link, or the culture cookie it leaves.</summary>
    private async Task<IDocument> GuestPageAsync(string path, string? language = null, bool byCookie = false)
    {
        var client = _app.CreateClient();
        if (language is not null && byCookie)
        {
            client.DefaultRequestHeaders.Add("Cookie", $".AspNetCore.Culture=c%3D{language}%7Cuic%3D{language}");
        }

        var url = language is not null && !byCookie ? $"{path}?culture={language}" : path;
        return await (await client.GetAsync(url)).ReadHtmlAsync();
    }

    private static IElement MenuItem(IDocument page, string section, string name) =>
        page.QuerySelectorAll($"section#{section} li.menu-item").Single(li => li.QuerySelector("h3")!.TextContent == name);

    private async Task<(int Id, int CategoryId)> ItemAsync(string name)
    {
        await using var db = _app.Database.CreateContext();
        var item = await db.MenuItems.SingleAsync(i => i.Name == name);
        return (item.Id, item.CategoryId);
    }

    private async Task<string> FlashAsync(string path) => (await _manager.GetPageAsync(path)).QuerySelector(".flash")!.TextContent;

    [Fact]
    public async Task English_names_from_the_admin_show_to_english_guests_and_russian_guests_keep_russian_on_the_cached_menu()
    {
        // Both languages are cached before the edit: the edit must reach each of them.
        (await GuestPageAsync("/menu")).QuerySelector("section#snacks h2")!.TextContent.Should().Be("Закуски и десерты");
        (await GuestPageAsync("/menu", "en")).QuerySelector("section#snacks h2")!.TextContent.Should().Be("Snacks and desserts");
        var (cheese, snacks) = await ItemAsync("Сырная тарелка");
        var page = await _manager.GetPageAsync("/admin/menu");

        await _manager.PostFormAsync($"/admin/menu/section?id={snacks}&handler=Save", page, new()
        {
            ["Input.Name"] = "Закуски и десерты", ["Input.NameEn"] = "Bites", ["Input.Slug"] = "snacks", ["Input.IsVisible"] = "true",
        });
        (await FlashAsync("/admin/menu")).Should().Be("Раздел сохранён.");
        await _manager.PostFormAsync($"/admin/menu/item?id={cheese}&handler=Save", page, new()
        {
            ["Input.CategoryId"] = snacks.ToString(CultureInfo.InvariantCulture), ["Input.Name"] = "Сырная тарелка",
            ["Input.Description"] = "Четыре сыра, мёд, орехи, виноград.", ["Input.NameEn"] = "Cheese board", ["Input.DescriptionEn"] = "", ["Input.Price"] = "890", ["Input.Tags"] = "",
        });
        (await FlashAsync("/admin/menu")).Should().Be("Позиция сохранена.");
        await _manager.PostFormAsync("/admin/menu/item?handler=Save", page, new()
        {
            ["Input.CategoryId"] = snacks.ToString(CultureInfo.InvariantCulture), ["Input.Name"] = "Пахлава", ["Input.Price"] = "320",
        });
        (await FlashAsync("/admin/menu")).Should().Be("Позиция добавлена — уже на сайте и в боте.");

        (await _manager.GetPageAsync($"/admin/menu/item?id={cheese}")).QuerySelector("input[name='Input.NameEn']")!.GetAttribute("value").Should().Be("Cheese board");
        (await _manager.GetPageAsync($"/admin/menu/section?id={snacks}")).QuerySelector("input[name='Input.NameEn']")!.GetAttribute("value").Should().Be("Bites");

        foreach (var english in new[] { await GuestPageAsync("/menu", "en"), await GuestPageAsync("/menu", "en", byCookie: true) })
        {
            english.DocumentElement.GetAttribute("lang").Should().Be("en");
            english.QuerySelector("section#snacks h2")!.TextContent.Should().Be("Bites");
            english.QuerySelectorAll("nav.chips a").Select(a => a.TextContent).Should().Equal("Hookahs", "Tea and drinks", "Bites");
            MenuItem(english, "snacks", "Cheese board").QuerySelector("p.muted")!.TextContent.Should().Be("Четыре сыра, мёд, орехи, виноград.", "no English description: the Russian one");
            MenuItem(english, "snacks", "Пахлава").Should().NotBeNull("an item without an English name is shown by its Russian one");
            MenuItem(english, "hookahs", "Classic").QuerySelector("p.muted")!.TextContent.Should().Contain("Clay bowl");
            english.QuerySelector("section#snacks")!.TextContent.Should().NotContain("Сырная тарелка");
        }

        var russian = await GuestPageAsync("/menu");
        russian.DocumentElement.GetAttribute("lang").Should().Be("ru");
        russian.QuerySelector("section#snacks h2")!.TextContent.Should().Be("Закуски и десерты");
        MenuItem(russian, "snacks", "Сырная тарелка").QuerySelector("p.muted")!.TextContent.Should().Be("Четыре сыра, мёд, орехи, виноград.");
        MenuItem(russian, "hookahs", "Классический").Should().NotBeNull();
        russian.DocumentElement.TextContent.Should().NotContain("Cheese board").And.NotContain("Bites");
        (await GuestPageAsync("/menu", "ru")).QuerySelector("section#snacks h2")!.TextContent.Should().Be("Закуски и десерты");
    }

    [Fact]
    public async Task Too_long_english_names_are_refused_and_nothing_changes()
    {
        var (cheese, snacks) = await ItemAsync("Сырная тарелка");
        var page = await _manager.GetPageAsync("/admin/menu");

        var refused = await (await _manager.PostFormAsync($"/admin/menu/item?id={cheese}&handler=Save", page, new()
        {
            ["Input.CategoryId"] = snacks.ToString(CultureInfo.InvariantCulture), ["Input.Name"] = "Сырная тарелка",
            ["Input.NameEn"] = new string('x', 151), ["Input.Price"] = "999",
        })).ReadHtmlAsync();

        refused.QuerySelector(".errors")!.TextContent.Should().Contain("«Название (англ.)»: не длиннее 150 символов.");
        refused.QuerySelector("input[name='Input.Price']")!.GetAttribute("value").Should().Be("999", "what was typed stays for correcting");
        await using var db = _app.Database.CreateContext();
        var item = await db.MenuItems.SingleAsync(i => i.Id == cheese);
        (item.NameEn, item.Price).Should().Be(("Cheese plate", 890m));
    }

    [Fact]
    public async Task A_manager_names_options_and_their_values_in_english()
    {
        await using var db = _app.Database.CreateContext();
        var premium = await db.MenuItems.Include(i => i.OptionGroups).ThenInclude(g => g.Values).AsNoTracking().SingleAsync(i => i.Name == "Премиум");
        var bowl = premium.OptionGroups.Single(g => g.Name == "Чаша");
        var clay = bowl.Values.Single(v => v.Name == "Глиняная");
        var pineapple = bowl.Values.Single(v => v.Name == "Ананас");
        var page = await _manager.GetPageAsync($"/admin/menu/option?id={bowl.Id}");
        page.QuerySelector($"li#value-{clay.Id} input[name=nameEn]")!.GetAttribute("value").Should().Be("Clay");

        await _manager.PostFormAsync($"/admin/menu/option?id={bowl.Id}&handler=Save", page, new()
        {
            ["Input.Name"] = "Чаша", ["Input.NameEn"] = "Bowl type", ["Input.Min"] = "1", ["Input.Max"] = "1",
        });
        (await FlashAsync("/admin/menu")).Should().Be("Опция сохранена — для всех позиций с ней.");
        await _manager.PostFormAsync($"/admin/menu/option?id={bowl.Id}&handler=SaveValue", page, new() { ["valueId"] = clay.Id.ToString(CultureInfo.InvariantCulture), ["name"] = "Глиняная", ["nameEn"] = " Clay classic ", ["priceDelta"] = "" });
        await _manager.PostFormAsync($"/admin/menu/option?id={bowl.Id}&handler=SaveValue", page, new() { ["valueId"] = pineapple.Id.ToString(CultureInfo.InvariantCulture), ["name"] = "Ананас", ["nameEn"] = "", ["priceDelta"] = "900" });
        (await FlashAsync("/admin/menu")).Should().Be("Вариант сохранён.");
        await _manager.PostFormAsync($"/admin/menu/option?id={bowl.Id}&handler=AddValue", page, new()
        {
            ["name"] = "Кокос", ["nameEn"] = "Coconut", ["priceDelta"] = "700",
        });
        (await FlashAsync("/admin/menu")).Should().Be("Вариант добавлен.");

        var values = await db.MenuOptionValues.AsNoTracking().Where(v => v.OptionGroupId == bowl.Id).OrderBy(v => v.SortOrder).ToListAsync();
        values.Select(v => (v.Name, v.NameEn)).Should().Equal(("Глиняная", "Clay classic"), ("Грейпфрут", "Grapefruit"), ("Ананас", null), ("Кокос", "Coconut"));
        (await db.MenuOptionGroups.AsNoTracking().SingleAsync(g => g.Id == bowl.Id)).NameEn.Should().Be("Bowl type");
    }

    [Fact]
    public async Task English_promo_texts_show_on_the_english_site_with_the_russian_where_none_is_written()
    {
        var page = await _manager.GetPageAsync("/admin/promotions");
        var start = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd'T'20:00", CultureInfo.InvariantCulture);

        await _manager.PostFormAsync("/admin/promotions?handler=Save", page, new()
        {
            ["kind"] = "Event", ["title"] = "Турнир по FIFA", ["description"] = "PS5, призы", ["titleEn"] = "FIFA tournament", ["descriptionEn"] = "",
            ["starts"] = start, ["ends"] = "", ["published"] = "true",
        });
        (await FlashAsync("/admin/promotions")).Should().Contain("уже на сайте");
        await _manager.PostFormAsync("/admin/promotions?handler=Save", page, new()
        {
            ["kind"] = "Promo", ["title"] = "Кальян дня", ["description"] = "−10% на микс дня", ["starts"] = "", ["ends"] = "", ["published"] = "true",
        });
        await _manager.PostFormAsync("/admin/promotions?handler=Save", page, new()
        {
            ["kind"] = "Promo", ["title"] = "Слишком длинно", ["description"] = "x", ["titleEn"] = new string('x', 201), ["starts"] = "", ["ends"] = "", ["published"] = "true",
        });
        (await FlashAsync("/admin/promotions")).Should().Contain("Английский заголовок").And.Contain("Ничего не изменено");

        var english = await GuestPageAsync("/promos", "en");
        var cards = english.QuerySelectorAll("article.promo").ToDictionary(a => a.QuerySelector("h3")!.TextContent, a => a.QuerySelectorAll("p").Last().TextContent);
        cards.Should().ContainKeys("FIFA tournament", "Кальян дня", "Happy hours").And.NotContainKey("Турнир по FIFA").And.NotContainKey("Слишком длинно");
        cards["FIFA tournament"].Should().Be("PS5, призы", "no English description: the Russian one");
        cards["Happy hours"].Should().StartWith("Weekdays from 14:00");
        (await GuestPageAsync("/", "en")).QuerySelectorAll("article.promo h3").Select(h => h.TextContent).Should().Contain("Happy hours");

        var russian = (await GuestPageAsync("/promos")).QuerySelectorAll("article.promo h3").Select(h => h.TextContent).ToList();
        russian.Should().Contain(["Турнир по FIFA", "Кальян дня", "Счастливые часы"]).And.NotContain("FIFA tournament");
        await using var db = _app.Database.CreateContext();
        (await db.Promotions.SingleAsync(p => p.Title == "Турнир по FIFA")).DescriptionEn.Should().BeNull();
    }
}
