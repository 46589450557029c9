using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using HookahLounge.Core.Audit;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Admin.Tests.Pages;

/// <summary>The menu editor, the option library and the stop-list screen over HTTP, as a manager and a waiter use them.</summary>
public sealed class MenuEditorPagesTests : IAsyncLifetime
{
    private LoungeAppFactory _app = null!;
    private StaffBrowser _manager = null!;
    private StaffBrowser _waiter = null!;

    public async Task InitializeAsync()
    {
        _app = new LoungeAppFactory(await TestDatabase.CreateAsync(TestDatabase.Preferred), settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        await StaffBrowser.CreateAccountAsync(_app, "manager", "manager-password", StaffRole.Manager);
        await StaffBrowser.CreateAccountAsync(_app, "waiter", "waiter-password", StaffRole.Staff);
        _manager = new StaffBrowser(_app);
        await _manager.LoginAsync("manager", "manager-password");
        _waiter = new StaffBrowser(_app);
        await _waiter.LoginAsync("waiter", "waiter-password");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _app.Database.DisposeAsync();
    }

    private async Task<MenuItem> ItemAsync(string name)
    {
        await using var db = _app.Database.CreateContext();
        return await db.MenuItems.AsNoTracking().Include(i => i.OptionGroups).ThenInclude(g => g.Values).SingleAsync(i => i.Name == name);
    }

    private async Task<IDocument> PublicMenuAsync() => await (await _app.CreateClient().GetAsync("/menu")).ReadHtmlAsync();

    private static IElement? PublicItem(IDocument menu, string name) =>
        menu.QuerySelectorAll("li.menu-item").SingleOrDefault(li => li.QuerySelector("h3")!.TextContent == name);

    private static string Nbsp(string text) => text.Replace("&nbsp;", "\u00A0", StringComparison.Ordinal);

    [Fact]
    public async Task A_manager_edits_one_item_twice_in_a_row_on_its_own_page_and_the_site_follows_each_time()
    {
        var cheese = await ItemAsync("Сырная тарелка");
        var list = await _manager.GetPageAsync("/admin/menu");
        list.QuerySelectorAll("form").Length.Should().BeLessThan(120, "the list is compact: no edit forms for every field of every item");
        list.QuerySelector($"li#item-{cheese.Id} a.me-name")!.GetAttribute("href").Should().BeEquivalentTo($"/admin/menu/item?id={cheese.Id}");

        foreach (var (price, tags, shown) in new[] { ("950,50", "хит", "950,50\u00A0₽"), ("1 020", "хит, новинка", "1\u00A0020\u00A0₽") })
        {
            var page = await _manager.GetPageAsync($"/admin/menu/item?id={cheese.Id}");
            var response = await _manager.PostFormAsync($"/admin/menu/item?id={cheese.Id}&handler=Save", page, new()
            {
                ["Input.Name"] = "Сырная тарелка", ["Input.NameEn"] = "Cheese plate", ["Input.Description"] = "Четыре сыра и мёд.",
                ["Input.Price"] = price, ["Input.Tags"] = tags, ["Input.CategoryId"] = cheese.CategoryId.ToString(CultureInfo.InvariantCulture),
            });
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            var again = await _manager.GetPageAsync(response.Headers.Location!.ToString());
            again.QuerySelector(".flash")!.TextContent.Should().Be("Позиция сохранена.");
            again.QuerySelector("input[name='Input.Tags']")!.GetAttribute("value").Should().Be(tags);
            var item = PublicItem(await PublicMenuAsync(), "Сырная тарелка")!;
            Nbsp(item.QuerySelector(".price")!.TextContent).Replace('\u202F', '\u00A0').Should().Be(shown);
            item.QuerySelector("p.muted")!.TextContent.Should().Be("Четыре сыра и мёд.");
        }

        var stored = await ItemAsync("Сырная тарелка");
        (stored.Price, stored.Tags, stored.SortOrder, stored.CategoryId).Should().Be((1020m, "хит, новинка", cheese.SortOrder, cheese.CategoryId), "its place in the section is kept");
        (await _manager.GetPageAsync($"/admin/menu/item?id={stored.Id}")).QuerySelector("input[name='Input.Price']")!.GetAttribute("value").Should().Be("1020");
    }

    [Fact]
    public async Task Bad_input_on_the_item_page_is_explained_in_russian_keeps_what_was_typed_and_changes_nothing()
    {
        var cheese = await ItemAsync("Сырная тарелка");
        var page = await _manager.GetPageAsync($"/admin/menu/item?id={cheese.Id}");
        var refused = await (await _manager.PostFormAsync($"/admin/menu/item?id={cheese.Id}&handler=Save", page, new()
        {
            ["Input.Name"] = "", ["Input.Price"] = "дорого", ["Input.CategoryId"] = "сыр", ["Input.Tags"] = new string('x', 201),
        })).ReadHtmlAsync();

        var errors = refused.QuerySelector(".errors")!.TextContent;
        errors.Should().Contain("Заполните поле «Название».").And.Contain("«Метки»: не длиннее 200 символов.").And.Contain("«сыр» не подходит для поля «Раздел».");
        errors.Should().NotContain("The field").And.NotContain("is not valid");
        refused.QuerySelector("input[name='Input.Price']")!.GetAttribute("value").Should().Be("дорого");

        var price = await (await _manager.PostFormAsync($"/admin/menu/item?id={cheese.Id}&handler=Save", page, new()
        {
            ["Input.Name"] = "Сырная тарелка", ["Input.Price"] = "дорого", ["Input.CategoryId"] = cheese.CategoryId.ToString(CultureInfo.InvariantCulture),
        })).ReadHtmlAsync();
        price.QuerySelector(".errors")!.TextContent.Should().Contain("Цена — число не меньше нуля").And.Contain("Ничего не изменено");
        (await ItemAsync("Сырная тарелка")).Should().BeEquivalentTo(cheese, o => o.Excluding(i => i.OptionGroups));
    }

    [Fact]
    public async Task Booking_settings_errors_are_russian_and_name_the_field()
    {
        var page = await _manager.GetPageAsync("/admin/bookings/settings");
        var fields = page.QuerySelectorAll("form[method=post] input[name^='Input.']")
            .Where(i => i.GetAttribute("type") != "checkbox" && i.GetAttribute("type") != "hidden")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Input.SlotStepMinutes"] = "5";
        fields["Input.HorizonDays"] = "много";

        var refused = await (await _manager.PostFormAsync("/admin/bookings/settings", page, fields)).ReadHtmlAsync();

        var errors = refused.QuerySelector(".errors")!.TextContent;
        errors.Should().Contain("«Шаг времени, мин»: число от 15 до 120.").And.Contain("«много» не подходит для поля «На сколько дней вперёд».");
        errors.Should().NotContain("SlotStepMinutes").And.NotContain("The field");
    }

    [Fact]
    public async Task An_item_in_placed_orders_is_archived_after_confirmation_and_one_never_ordered_is_deleted()
    {
        var classic = await ItemAsync("Классический");
        var cake = await ItemAsync("Чизкейк Нью-Йорк");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HookahLounge.Core.Data.LoungeDbContext>();
            var guest = new Customer { TelegramUserId = 555, TelegramChatId = 555, Name = "Ира", CreatedAtUtc = DateTime.UtcNow };
            db.Customers.Add(guest);
            await db.SaveChangesAsync();
            db.Orders.Add(new Order
            {
                CustomerId = guest.Id, Type = OrderType.Pickup, Status = OrderStatus.Completed, CreatedAtUtc = DateTime.UtcNow, Total = 1400,
                Lines = [new OrderLine { MenuItemId = classic.Id, ItemName = classic.Name, UnitPrice = 1400, Quantity = 1 }],
            });
            await db.SaveChangesAsync();
        }

        var confirm = await _manager.GetPageAsync($"/admin/menu/delete?entry=Item&id={classic.Id}");
        confirm.QuerySelector("h1")!.TextContent.Should().Be("Архивировать позицию «Классический»?");
        confirm.QuerySelector(".card")!.TextContent.Should().Contain("есть в оформленных заказах").And.Contain("перенесена в архив");
        (await ItemAsync("Классический")).IsArchived.Should().BeFalse("opening the confirmation changes nothing");

        await _manager.PostFormAsync("/admin/menu/delete", confirm, new() { ["entry"] = "Item", ["id"] = classic.Id.ToString(CultureInfo.InvariantCulture) });
        (await _manager.GetPageAsync("/admin/menu")).QuerySelector(".flash")!.TextContent.Should().Contain("перенесена в архив");
        (await ItemAsync("Классический")).IsArchived.Should().BeTrue();
        PublicItem(await PublicMenuAsync(), "Классический").Should().BeNull("archived items leave the guest menu at once");
        await using (var db = _app.Database.CreateContext())
        {
            (await db.OrderLines.SingleAsync(l => l.MenuItemId == classic.Id)).ItemName.Should().Be("Классический");
        }

        var second = await _manager.GetPageAsync($"/admin/menu/delete?entry=Item&id={cake.Id}");
        second.QuerySelector("h1")!.TextContent.Should().Be("Удалить позицию «Чизкейк Нью-Йорк»?");
        await _manager.PostFormAsync("/admin/menu/delete", second, new() { ["entry"] = "Item", ["id"] = cake.Id.ToString(CultureInfo.InvariantCulture) });
        await using (var db = _app.Database.CreateContext())
        {
            (await db.MenuItems.AnyAsync(i => i.Id == cake.Id)).Should().BeFalse();
            (await db.AuditEntries.Where(a => a.Area == AuditArea.Menu && a.Actor == "manager" && a.Action == "Deleted" && a.Entity == nameof(MenuItem)).CountAsync()).Should().Be(1);
        }

        PublicItem(await PublicMenuAsync(), "Чизкейк Нью-Йорк").Should().BeNull();
        (await _manager.Client.GetAsync($"/admin/menu/delete?entry=Item&id={cake.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var restorePage = await _manager.GetPageAsync($"/admin/menu/item?id={classic.Id}");
        restorePage.QuerySelector(".me-note")!.TextContent.Should().Contain("Позиция в архиве");
        await _manager.PostFormAsync($"/admin/menu/item?id={classic.Id}&handler=Restore", restorePage, []);
        PublicItem(await PublicMenuAsync(), "Классический").Should().NotBeNull();
    }

    [Fact]
    public async Task A_photo_is_deleted_after_confirmation()
    {
        var cake = await ItemAsync("Чизкейк Нью-Йорк");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<MenuEditor>().SetPhotoAsync(cake.Id, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])).Should().Be(MenuEditError.None);
        }

        PublicItem(await PublicMenuAsync(), "Чизкейк Нью-Йорк")!.QuerySelector("img.menu-photo").Should().NotBeNull();
        var confirm = await _manager.GetPageAsync($"/admin/menu/delete?entry=Photo&id={cake.Id}");
        confirm.QuerySelector("h1")!.TextContent.Should().Be("Удалить фото позиции «Чизкейк Нью-Йорк»?");
        var response = await _manager.PostFormAsync("/admin/menu/delete", confirm, new() { ["entry"] = "Photo", ["id"] = cake.Id.ToString(CultureInfo.InvariantCulture) });

        response.Headers.Location!.ToString().Should().BeEquivalentTo($"/admin/menu/item?id={cake.Id}");
        PublicItem(await PublicMenuAsync(), "Чизкейк Нью-Йорк")!.QuerySelector("img.menu-photo").Should().BeNull();
        await using var db = _app.Database.CreateContext();
        (await db.MenuPhotos.AnyAsync(p => p.MenuItemId == cake.Id)).Should().BeFalse();
        (await db.MenuItems.SingleAsync(i => i.Id == cake.Id)).PhotoVersion.Should().BeNull();
    }

    [Fact]
    public async Task Sections_and_items_are_reordered_by_buttons_and_by_a_drag_and_a_stale_drag_changes_nothing()
    {
        async Task<List<string>> PublicOrderAsync(string slug) =>
            [.. (await PublicMenuAsync()).QuerySelectorAll($"section#{slug} li.menu-item h3").Select(h => h.TextContent)];

        var before = await PublicOrderAsync("drinks");
        var second = await ItemAsync(before[1]);
        var page = await _manager.GetPageAsync("/admin/menu");

        for (var i = 0; i < 2; i++)
        {
            var moved = await _manager.PostFormAsync("/admin/menu?handler=Move", page, new() { ["list"] = "Items", ["id"] = second.Id.ToString(CultureInfo.InvariantCulture), ["step"] = "-1" });
            moved.Headers.Location!.ToString().Should().EndWith($"#item-{second.Id}");
        }

        (await PublicOrderAsync("drinks")).Should().Equal([before[1], before[0], .. before.Skip(2)], "the second press at the top changes nothing");

        var ids = (await _manager.GetPageAsync("/admin/menu")).QuerySelectorAll($"section#section-{second.CategoryId} li[data-id]").Select(li => li.GetAttribute("data-id")!).ToList();
        ids.Reverse();
        async Task<HttpResponseMessage> DragAsync(string list, IEnumerable<string> order)
        {
            var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["list"] = list, ["ids"] = string.Join(",", order), ["__RequestVerificationToken"] = page.AntiforgeryToken() });
            using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/menu?handler=Reorder") { Content = form };
            request.Headers.Add("X-Requested-With", "fetch");
            return await _manager.Client.SendAsync(request);
        }

        (await DragAsync("Items", ids.Skip(1))).StatusCode.Should().Be(HttpStatusCode.BadRequest, "an item is missing from the list");
        (await DragAsync("Items", ids.Append("abc"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await DragAsync("Bogus", ids)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await PublicOrderAsync("drinks")).Should().Equal([before[1], before[0], .. before.Skip(2)]);
        (await DragAsync("Items", ids)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await PublicOrderAsync("drinks")).Should().Equal(Enumerable.Reverse([before[1], before[0], .. before.Skip(2)]));

        var sections = (await PublicMenuAsync()).QuerySelectorAll("nav.chips a").Select(a => a.TextContent).ToList();
        var last = (await _manager.GetPageAsync("/admin/menu")).QuerySelectorAll("section.me-section").Last().GetAttribute("data-id")!;
        await _manager.PostFormAsync("/admin/menu?handler=Move", page, new() { ["list"] = "Sections", ["id"] = last, ["step"] = "-1" });
        (await PublicMenuAsync()).QuerySelectorAll("nav.chips a").Select(a => a.TextContent).Should().Equal([sections[0], sections[2], sections[1]]);
    }

    [Fact]
    public async Task A_shared_tobacco_list_edited_once_shows_for_every_hookah_on_the_site()
    {
        var classic = await ItemAsync("Классический");
        var tobacco = classic.OptionGroups.Single(g => g.Name == "Табак");
        var element = tobacco.Values.Single(v => v.Name == "Element");
        var tangiers = tobacco.Values.Single(v => v.Name == "Tangiers");
        var page = await _manager.GetPageAsync($"/admin/menu/option?id={tobacco.Id}");
        page.QuerySelector("p.muted")!.TextContent.Should().Contain("Классический").And.Contain("Премиум").And.Contain("На фрукте");

        await _manager.PostFormAsync($"/admin/menu/option?id={tobacco.Id}&handler=SaveValue", page, new()
        {
            ["valueId"] = element.Id.ToString(CultureInfo.InvariantCulture), ["name"] = "Element Mountain", ["nameEn"] = "", ["priceDelta"] = "100",
        });
        await _manager.PostFormAsync($"/admin/menu/option?id={tobacco.Id}&handler=ValueAvailable", page, new() { ["valueId"] = tangiers.Id.ToString(CultureInfo.InvariantCulture), ["available"] = "false" });

        var menu = await PublicMenuAsync();
        foreach (var hookah in new[] { "Классический", "Премиум", "На фрукте" })
        {
            var line = Nbsp(PublicItem(menu, hookah)!.QuerySelectorAll("p.menu-options").Single(p => p.TextContent.StartsWith("Табак:", StringComparison.Ordinal)).TextContent).Replace('\u202F', '\u00A0');
            line.Should().Contain("Element Mountain +100\u00A0₽").And.Contain("Tangiers — нет в наличии");
        }

        await using var db = _app.Database.CreateContext();
        (await db.MenuOptionGroups.CountAsync(g => g.Name == "Табак")).Should().Be(1);
    }

    [Fact]
    public async Task A_waiter_uses_the_stop_list_in_bulk_and_one_by_one_but_cannot_open_the_editor()
    {
        var cola = (await ItemAsync("Классический")).OptionGroups.SelectMany(g => g.Values).Single(v => v.Name == "Кола");
        var tea = await ItemAsync("Молочный улун, чайник 0,8 л");
        var water = await ItemAsync("Вода без газа, 0,5 л");

        foreach (var url in new[] { "/admin/menu", $"/admin/menu/item?id={tea.Id}", "/admin/menu/options", $"/admin/menu/delete?entry=Item&id={tea.Id}" })
        {
            var denied = await _waiter.Client.GetAsync(url);
            denied.Headers.Location?.ToString().Should().Contain("accessdenied", $"{url} is for managers");
        }

        var page = await _waiter.GetPageAsync("/admin/stoplist");
        var nav = page.QuerySelector("nav.side")!;
        nav.TextContent.Should().Contain("Стоп-лист").And.Contain("QR столов").And.Contain("Заказы").And.Contain("Брони").And.NotContain("Меню");
        foreach (var link in nav.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).Where(h => h.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) && h != "/admin/bot"))
        {
            var response = await _waiter.Client.GetAsync(link);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"every link a waiter sees ({link}) opens for them");
        }
        page.QuerySelector("meta[name=viewport]")!.GetAttribute("content").Should().Contain("width=device-width");

        // Twice in a row: stop two things at once, then return them; then one switch on its own.
        foreach (var (bulk, available) in new[] { ("off", false), ("on", true) })
        {
            var form = new FormUrlEncodedContent(new List<KeyValuePair<string, string>>
            {
                new("items", tea.Id.ToString(CultureInfo.InvariantCulture)), new("values", cola.Id.ToString(CultureInfo.InvariantCulture)),
                new("bulk", bulk), new("__RequestVerificationToken", page.AntiforgeryToken()),
            });
            (await _waiter.Client.PostAsync("/admin/stoplist", form)).StatusCode.Should().Be(HttpStatusCode.Redirect);
            var after = await _waiter.GetPageAsync("/admin/stoplist");
            after.QuerySelector(".flash")!.TextContent.Should().Be(available ? "Снова в продаже: 2." : "В стоп-листе: 2.");
            after.QuerySelector($"#sl-item-{tea.Id}")!.ClassList.Contains("sl-off").Should().Be(!available);
            after.QuerySelector($"#sl-value-{cola.Id}")!.ClassList.Contains("sl-off").Should().Be(!available);
            PublicItem(await PublicMenuAsync(), tea.Name)!.ClassList.Contains("sold-out").Should().Be(!available);
        }

        await _waiter.PostFormAsync("/admin/stoplist?q=вода", page, new() { ["toggle"] = $"item-{water.Id}-off", ["q"] = "вода" });
        var filtered = await _waiter.GetPageAsync("/admin/stoplist?q=вода");
        filtered.QuerySelectorAll(".sl-row .sl-tick").Select(r => r.TextContent.Trim()).Should().Equal([water.Name, "Вода"], "the search finds the item and the hookah base value");
        filtered.QuerySelector($"#sl-item-{water.Id} button.sl-switch")!.TextContent.Should().Be("СТОП");
        PublicItem(await PublicMenuAsync(), water.Name)!.ClassList.Should().Contain("sold-out");

        await _waiter.PostFormAsync("/admin/stoplist", page, new() { ["bulk"] = "off", ["items"] = "999999" });
        (await _waiter.GetPageAsync("/admin/stoplist")).QuerySelector(".flash")!.TextContent.Should().Contain("Ничего не изменено");
        await _waiter.PostFormAsync("/admin/stoplist", page, new() { ["toggle"] = "item-abc-off" });
        (await _waiter.GetPageAsync("/admin/stoplist")).QuerySelector(".flash")!.TextContent.Should().Contain("Ничего не изменено");

        await using var db = _app.Database.CreateContext();
        (await db.MenuItems.CountAsync(i => !i.IsAvailable)).Should().Be(1, "only the water is stopped");
        (await db.AuditEntries.CountAsync(a => a.Area == AuditArea.StopList && a.Actor == "waiter")).Should().Be(5, "every switch is audited with who made it");
    }

    [Fact]
    public async Task A_promo_is_deleted_only_after_confirmation()
    {
        int id;
        await using (var db = _app.Database.CreateContext())
        {
            id = await db.Promotions.Where(p => p.Title == "Счастливые часы").Select(p => p.Id).SingleAsync();
        }

        var list = await _manager.GetPageAsync("/admin/promotions");
        list.QuerySelectorAll("a").Should().Contain(a => string.Equals(a.GetAttribute("href"), $"/admin/promotions/delete?id={id}", StringComparison.OrdinalIgnoreCase));
        var confirm = await _manager.GetPageAsync($"/admin/promotions/delete?id={id}");
        confirm.QuerySelector("h1")!.TextContent.Should().Be("Удалить «Счастливые часы»?");
        await using (var db = _app.Database.CreateContext())
        {
            (await db.Promotions.AnyAsync(p => p.Id == id)).Should().BeTrue();
        }

        await _manager.PostFormAsync("/admin/promotions/delete", confirm, new() { ["id"] = id.ToString(CultureInfo.InvariantCulture) });
        await _manager.PostFormAsync("/admin/promotions/delete", confirm, new() { ["id"] = id.ToString(CultureInfo.InvariantCulture) });
        (await _manager.GetPageAsync("/admin/promotions")).QuerySelector(".flash")!.TextContent.Should().Contain("Не найдено");
        (await (await _app.CreateClient().GetAsync("/promos")).Content.ReadAsStringAsync()).Should().NotContain("Счастливые часы");
        await using var read = _app.Database.CreateContext();
        (await read.Promotions.AnyAsync(p => p.Id == id)).Should().BeFalse();
    }
}
