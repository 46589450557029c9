using System.Net;
using System.Net.Http.Headers;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Admin.Tests.Pages;

/// <summary>Menu editing, photos, the order board and table QR codes, over HTTP as staff use them.</summary>
public sealed class MenuAndOrdersPagesTests : IAsyncLifetime
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

    private async Task<int> ItemIdAsync(string name)
    {
        await using var db = _app.Database.CreateContext();
        return await db.MenuItems.Where(i => i.Name == name).Select(i => i.Id).SingleAsync();
    }

    /// <summary>The public menu's text as a guest reads it.</summary>
    private async Task<string> PublicMenuAsync() => Html.Parse(await (await _app.CreateClient().GetAsync("/menu")).Content.ReadAsStringAsync()).DocumentElement.OuterHtml
        .Replace("&nbsp;", "\u00A0", StringComparison.Ordinal);

    [Fact]
    public async Task Price_and_stop_list_changes_show_on_the_cached_public_menu_at_once()
    {
        (await PublicMenuAsync()).Should().Contain("890\u00A0₽", "the menu page is now cached");
        var id = await ItemIdAsync("Сырная тарелка");
        var page = await _manager.GetPageAsync($"/admin/menu/item?id={id}");

        await _manager.PostFormAsync($"/admin/menu/item?id={id}&handler=Save", page, new()
        {
            ["Input.CategoryId"] = (await CategoryOfAsync(id)).ToString(), ["Input.Name"] = "Сырная тарелка", ["Input.Price"] = "950,50",
            ["Input.Tags"] = "", ["Input.Description"] = "Четыре сыра",
        });
        (await PublicMenuAsync()).Should().Contain("950,50\u00A0₽", "kopecks always show as two digits");

        await _manager.PostFormAsync($"/admin/menu/item?id={id}&handler=Available", page, new() { ["available"] = "false" });
        var html = Html.Parse(await PublicMenuAsync());
        html.QuerySelectorAll("li.menu-item").Single(li => li.QuerySelector("h3")!.TextContent == "Сырная тарелка").ClassList.Should().Contain("sold-out");

        var refused = await (await _manager.PostFormAsync("/admin/menu/item?handler=Save", page, new()
        {
            ["Input.CategoryId"] = (await CategoryOfAsync(id)).ToString(), ["Input.Name"] = "Кальян", ["Input.Price"] = "-5",
        })).ReadHtmlAsync();
        refused.QuerySelector(".errors")!.TextContent.Should().Contain("Ничего не изменено");
        await using var db = _app.Database.CreateContext();
        (await db.MenuItems.AnyAsync(i => i.Name == "Кальян")).Should().BeFalse();
    }

    private async Task<int> CategoryOfAsync(int itemId)
    {
        await using var db = _app.Database.CreateContext();
        return await db.MenuItems.Where(i => i.Id == itemId).Select(i => i.CategoryId).SingleAsync();
    }

    [Fact]
    public async Task A_photo_is_checked_by_its_bytes_stored_and_served_with_long_caching()
    {
        var id = await ItemIdAsync("Чизкейк Нью-Йорк");
        var page = await _manager.GetPageAsync("/admin/menu");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[200]];

        async Task<HttpResponseMessage> UploadAsync(byte[] bytes, string fileName)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
                { new StringContent(id.ToString()), "id" },
            };
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "photo", fileName);
            return await _manager.Client.PostAsync($"/admin/menu/item?id={id}&handler=Photo", form);
        }

        await UploadAsync("not an image"u8.ToArray(), "evil.png");
        (await _manager.GetPageAsync("/admin/menu")).QuerySelector(".flash")!.TextContent.Should().Contain("JPEG, PNG или WebP");

        (await UploadAsync(png, "cake.png")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var menu = Html.Parse(await PublicMenuAsync());
        var src = menu.QuerySelector("img.menu-photo")!.GetAttribute("src")!;
        src.Should().StartWith($"/menu/photo/{id}?v=");
        var photo = await _app.CreateClient().GetAsync(src);
        photo.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        photo.Headers.CacheControl!.MaxAge.Should().BeGreaterThan(TimeSpan.FromDays(300));
        (await photo.Content.ReadAsByteArrayAsync()).Should().Equal(png);
    }

    /// <summary>A large upload that counts how much of it the server pulled.</summary>
    private sealed class CountingUpload(long length) : Stream
    {
        private long _position;

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => _position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Fill(buffer, (byte)0x42, offset, n);
            _position += n;
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_ten_megabyte_photo_is_turned_back_politely_before_it_is_read()
    {
        var id = await ItemIdAsync("Сырная тарелка");
        var page = await _manager.GetPageAsync("/admin/menu");
        var upload = new CountingUpload(10 * 1024 * 1024);
        var file = new StreamContent(upload);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
            { new StringContent(id.ToString()), "id" },
            { file, "photo", "huge.png" },
        };

        var response = await _manager.Client.PostAsync($"/admin/menu/item?id={id}&handler=Photo", form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be($"/admin/menu/item?id={id}", "back to the item's page");
        upload.BytesRead.Should().BeLessThan(MenuEditorMaxPhotoBytes, "the body is refused by its announced length, not read");
        (await _manager.GetPageAsync("/admin/menu")).QuerySelector(".flash")!.TextContent.Should().Contain("Фото больше 2 МБ");
        await using var db = _app.Database.CreateContext();
        (await db.MenuPhotos.AnyAsync(p => p.MenuItemId == id)).Should().BeFalse();
    }

    private const int MenuEditorMaxPhotoBytes = HookahLounge.Core.Menu.MenuEditor.MaxPhotoBytes;

    [Fact]
    public async Task Staff_move_orders_on_the_board_and_a_decline_needs_a_reason()
    {
        int orderId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LoungeDbContext>();
            var customer = new Customer { TelegramUserId = 77, TelegramChatId = 77, Name = "Вика", CreatedAtUtc = DateTime.UtcNow };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            var tea = await db.MenuItems.Where(i => i.Name.StartsWith("Пуэр")).Select(i => i.Id).SingleAsync();
            orderId = (await scope.ServiceProvider.GetRequiredService<OrderService>().PlaceAsync(new PlaceOrder(customer.Id, OrderType.AtTable, [new(tea, 2)], TableNumber: 4))).Order!.Id;
        }

        var board = await _manager.GetPageAsync("/admin/orders");
        var row = board.QuerySelectorAll("section.column-new article.ticket").Single();
        row.TextContent.Should().Contain("Пуэр").And.Contain("к столу 4").And.Contain("1\u00A0100\u00A0₽");
        row.QuerySelectorAll("button").Select(b => b.TextContent).Should().Equal("Принять", "Отклонить");

        await _manager.PostFormAsync("/admin/orders?handler=Move", board, new() { ["id"] = orderId.ToString(), ["action"] = "Decline", ["reason"] = "" });
        (await _manager.GetPageAsync("/admin/orders")).QuerySelector(".flash")!.TextContent.Should().Contain("укажите причину");

        await _manager.PostFormAsync("/admin/orders?handler=Move", board, new() { ["id"] = orderId.ToString(), ["action"] = "Accept" });
        await _manager.PostFormAsync("/admin/orders?handler=Move", board, new() { ["id"] = orderId.ToString(), ["action"] = "Complete" });
        (await _manager.GetPageAsync("/admin/orders")).QuerySelector(".flash")!.TextContent.Should().Contain("Так нельзя");

        await using var read = _app.Database.CreateContext();
        (await read.Orders.SingleAsync()).Status.Should().Be(OrderStatus.Accepted);
        (await read.Outbox.AnyAsync(m => m.Key == $"order:{orderId}:Accepted")).Should().BeTrue("the guest is told");
        var details = await _manager.GetPageAsync($"/admin/orders/details/{orderId}");
        details.QuerySelector("ul")!.TextContent.Should().Contain("новый → принят");
    }

    [Fact]
    public async Task Each_table_gets_a_printable_qr_code_that_opens_the_bot_at_that_table()
    {
        var page = await _manager.GetPageAsync("/admin/tables/qr");

        page.QuerySelectorAll("figure.qr").Should().HaveCount(10);
        page.QuerySelector("figure.qr small")!.TextContent.Should().Be("https://t.me/oblaka_test_bot?start=table_1");
        var image = await _manager.Client.GetAsync("/admin/tables/qr?handler=Image&number=1");
        image.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        (await image.Content.ReadAsByteArrayAsync()).Take(4).Should().Equal(0x89, 0x50, 0x4E, 0x47);
    }

    [Fact]
    public async Task Options_are_added_switched_off_and_removed_and_the_bot_rules_follow()
    {
        var id = await ItemIdAsync("Премиум");
        var library = await _manager.GetPageAsync("/admin/menu/options");

        (await _manager.PostFormAsync("/admin/menu/options?handler=Create", library, new() { ["Input.Name"] = "Лёд", ["Input.Min"] = "0", ["Input.Max"] = "1" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var db = _app.Database.CreateContext();
        var group = await db.MenuOptionGroups.SingleAsync(g => g.Name == "Лёд");
        await _manager.PostFormAsync($"/admin/menu/item?id={id}&handler=Attach", library, new() { ["groupId"] = group.Id.ToString() });
        await _manager.PostFormAsync($"/admin/menu/option?id={group.Id}&handler=AddValue", library, new() { ["name"] = "Со льдом", ["priceDelta"] = "50" });
        var value = await db.MenuOptionValues.SingleAsync(v => v.OptionGroupId == group.Id);
        value.PriceDelta.Should().Be(50);
        (await db.MenuItems.Include(i => i.OptionGroups).AsNoTracking().SingleAsync(i => i.Id == id)).OptionGroups.Select(g => g.Name).Should().Contain("Лёд");

        await _manager.PostFormAsync($"/admin/menu/option?id={group.Id}&handler=ValueAvailable", library, new() { ["valueId"] = value.Id.ToString(), ["available"] = "false" });
        (await db.MenuOptionValues.AsNoTracking().SingleAsync(v => v.Id == value.Id)).IsAvailable.Should().BeFalse();

        var strength = await db.MenuOptionGroups.Include(g => g.Values).SingleAsync(g => g.Name == "Крепость");
        var strong = strength.Values.Single(v => v.Name == "Крепкий");
        await _manager.PostFormAsync($"/admin/menu/option?id={strength.Id}&handler=ValueDefault", library, new() { ["valueId"] = strong.Id.ToString(), ["isDefault"] = "true" });
        (await db.MenuOptionValues.AsNoTracking().Where(v => v.OptionGroupId == strength.Id && v.IsDefault).Select(v => v.Name).ToListAsync())
            .Should().Equal(["Крепкий"], "a single-choice option keeps one default: guests get it preselected");

        var refused = await (await _manager.PostFormAsync("/admin/menu/options?handler=Create", library, new() { ["Input.Name"] = "Плохая", ["Input.Min"] = "3", ["Input.Max"] = "1" })).ReadHtmlAsync();
        refused.QuerySelector(".errors")!.TextContent.Should().Contain("Ничего не изменено");
        (await db.MenuOptionGroups.AnyAsync(g => g.Name == "Плохая")).Should().BeFalse();

        var confirm = await _manager.GetPageAsync($"/admin/menu/delete?entry=OptionGroup&id={group.Id}");
        confirm.QuerySelector("h1")!.TextContent.Should().Contain("Удалить опцию «Лёд»");
        await _manager.PostFormAsync("/admin/menu/delete", confirm, new() { ["entry"] = "OptionGroup", ["id"] = group.Id.ToString() });
        (await db.MenuOptionGroups.AnyAsync(g => g.Id == group.Id)).Should().BeFalse();
        (await db.MenuOptionValues.AnyAsync(v => v.Id == value.Id)).Should().BeFalse();
        (await db.MenuItemOptionGroups.AnyAsync(l => l.OptionGroupId == group.Id)).Should().BeFalse();
    }
}
