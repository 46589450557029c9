using HookahLounge.Core.Customers;
using HookahLounge.Core.Data.Seed;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Tests.Bookings;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HookahLounge.Core.Tests.Localization;

public sealed class EnglishContentTests
{
    [Theory]
    [InlineData("en", "Classic")]
    [InlineData("en-US", "Classic")]
    [InlineData("EN", "Classic")]
    [InlineData("ru", "Классический")]
    [InlineData("ru-RU", "Классический")]
    [InlineData("de", "Классический")]
    [InlineData("eng", "Классический")]
    [InlineData(null, "Классический")]
    public void English_guests_get_the_english_text_everyone_else_the_russian(string? language, string expected) =>
        Localized.Pick("Классический", "Classic", language).Should().Be(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_english_guest_gets_the_russian_text_where_no_english_one_is_written(string? english)
    {
        Localized.Pick("Классический", english, "en").Should().Be("Классический");
        new MenuItem { Name = "Сырная тарелка", NameEn = english, Description = "Четыре сыра" }.DisplayDescription("en").Should().Be("Четыре сыра");
        new MenuItem { Name = "Сырная тарелка", NameEn = english }.DisplayName("en").Should().Be("Сырная тарелка");
    }

    [Fact]
    public void Each_text_falls_back_on_its_own()
    {
        var item = new MenuItem { Name = "Капучино", NameEn = "Cappuccino", Description = "На овсяном молоке" };

        item.DisplayName("en").Should().Be("Cappuccino");
        item.DisplayDescription("en").Should().Be("На овсяном молоке");
        new MenuItem { Name = "Вода" }.DisplayDescription("en").Should().BeNull();
        new Promotions.Promotion { Title = "Счастливые часы", Description = "Скидка 20%", DescriptionEn = "20% off" }.DisplayTitle("en").Should().Be("Счастливые часы");
        new Promotions.Promotion { Title = "Счастливые часы", Description = "Скидка 20%", DescriptionEn = "20% off" }.DisplayDescription("en").Should().Be("20% off");
    }

    private static MenuItem Hookah() => new()
    {
        Name = "Классический",
        Price = 1400,
        OptionGroups =
        [
            new() { Name = "Табак", NameEn = "Tobacco", MinSelected = 1, MaxSelected = 1, SortOrder = 0, Values = [new() { Id = 1, Name = "Darkside" }] },
            new()
            {
                Name = "Крепость", MinSelected = 1, MaxSelected = 1, SortOrder = 1,
                Values = [new() { Id = 2, Name = "Лёгкий", NameEn = "Light" }, new() { Id = 3, Name = "Крепкий", NameEn = "Strong", IsAvailable = false }],
            },
            new() { Name = "Чаша", NameEn = "Bowl", MinSelected = 1, MaxSelected = 1, SortOrder = 2, Values = [new() { Id = 4, Name = "Ананас", NameEn = "Pineapple", PriceDelta = 900 }] },
        ],
    };

    [Fact]
    public void The_option_summary_is_english_for_an_english_guest_and_russian_for_the_order_line()
    {
        var item = Hookah();

        MenuPricing.Price(item, [1, 2, 4], "en").Summary.Should().Be("Tobacco: Darkside; Крепость: Light; Bowl: Pineapple");
        MenuPricing.Price(item, [1, 2, 4]).Summary.Should().Be("Табак: Darkside; Крепость: Лёгкий; Чаша: Ананас");
        MenuPricing.Price(item, [1, 2, 4], "ru").Summary.Should().Be("Табак: Darkside; Крепость: Лёгкий; Чаша: Ананас");
        MenuPricing.Price(item, [1, 2, 4], "en").UnitPrice.Should().Be(2300);
        MenuPricing.Price(item, [1, 3, 4], "en").Problem.Should().Be("sold-out:Strong");
        MenuPricing.Price(item, [1, 4], "en").Problem.Should().Be("group:Крепость");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task English_texts_are_stored_edited_and_cleared_on_each_provider(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = await database.CreateMigratedContextAsync())
        {
            await new DemoData(db, TimeProvider.System, NullLogger<DemoData>.Instance).SeedIfEmptyAsync();
        }

        await using (var db = database.CreateContext())
        {
            var classic = await db.MenuItems.Include(i => i.Category).Include(i => i.OptionGroups).ThenInclude(g => g.Values).SingleAsync(i => i.Name == "Классический");
            classic.DisplayName("en").Should().Be("Classic");
            classic.Category!.DisplayName("en").Should().Be("Hookahs");
            classic.OptionGroups.Single(g => g.Name == "Крепость").Values.Select(v => v.DisplayName("en")).Should().Equal("Light", "Medium", "Strong");
            (await db.Promotions.SingleAsync(p => p.Title == "Счастливые часы")).DisplayTitle("en").Should().Be("Happy hours");

            var editor = new MenuEditor(db, [], TimeProvider.System);
            (await editor.SaveItemAsync(classic.Id, classic.CategoryId, "Классический", classic.Description, 1400, classic.Tags, 0, new string('x', 151), null))
                .Error.Should().Be(MenuEditError.EnglishTooLong);
            (await editor.SaveItemAsync(classic.Id, classic.CategoryId, "Классический", classic.Description, 1400, classic.Tags, 0, "  Classic hookah ", "  "))
                .Error.Should().Be(MenuEditError.None);

            var strength = classic.OptionGroups.Single(g => g.Name == "Крепость");
            var light = strength.Values.Single(v => v.Name == "Лёгкий");
            (await editor.SaveOptionGroupAsync(strength.Id, strength.Name, "Power", strength.MinSelected, strength.MaxSelected)).Error.Should().Be(MenuEditError.None);
            (await editor.SaveOptionValueAsync(light.Id, light.Name, "", light.PriceDelta)).Should().Be(MenuEditError.None);
            (await editor.SaveOptionValueAsync(light.Id, light.Name, new string('x', 101), light.PriceDelta)).Should().Be(MenuEditError.EnglishTooLong);
        }

        await using var read = database.CreateContext();
        var saved = await read.MenuItems.Include(i => i.OptionGroups).ThenInclude(g => g.Values).SingleAsync(i => i.Name == "Классический");
        saved.NameEn.Should().Be("Classic hookah");
        saved.DescriptionEn.Should().BeNull("a blank English description clears it");
        saved.DisplayDescription("en").Should().Be(saved.Description);
        var group = saved.OptionGroups.Single(g => g.Name == "Крепость");
        group.NameEn.Should().Be("Power");
        group.Values.Select(v => v.DisplayName("en")).Should().Equal("Лёгкий", "Medium", "Strong");
    }

    [Fact]
    public async Task An_english_guest_is_told_in_english_what_is_sold_out_while_staff_lines_stay_russian()
    {
        await using var host = await BookingHost.StartAsync();
        int guest;
        MenuItem classic;
        await using (var db = host.Database.CreateContext())
        {
            var customer = new Customer { TelegramUserId = 654, TelegramChatId = 654, Name = "Ann", Language = "en", CreatedAtUtc = DateTime.UtcNow };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            guest = customer.Id;
            classic = await db.MenuItems.Include(i => i.OptionGroups).ThenInclude(g => g.Values).AsNoTracking().SingleAsync(i => i.Name == "Классический");
        }

        int Value(string group, string value) => classic.OptionGroups.Single(g => g.Name.StartsWith(group, StringComparison.Ordinal)).Values.Single(v => v.Name == value).Id;
        List<int> choice = [Value("Табак", "Darkside"), Value("Вкусы", "Мята"), Value("Крепость", "Лёгкий"), Value("Чаша", "Глиняная"), Value("Колба", "Вода")];
        var pickup = new DateTime(2026, 11, 26, 15, 0, 0, DateTimeKind.Utc);
        Task<OrderResult> PlaceAsync() =>
            host.WithAsync(s => s.GetRequiredService<OrderService>().PlaceAsync(new PlaceOrder(guest, OrderType.Pickup, [new(classic.Id, 1, choice)], PickupAtUtc: pickup)));

        var placed = await PlaceAsync();

        placed.Error.Should().Be(OrderError.None);
        placed.Order!.Lines.Single().OptionsSummary.Should().Be("Табак: Darkside; Вкусы (до 3): Мята; Крепость: Лёгкий; Чаша: Глиняная; Колба: Вода", "staff read the line in Russian");

        await using (var db = host.Database.CreateContext())
        {
            var mint = Value("Вкусы", "Мята");
            await db.MenuOptionValues.Where(v => v.Id == mint).ExecuteUpdateAsync(s => s.SetProperty(v => v.IsAvailable, false));
        }

        var refused = await PlaceAsync();

        refused.Error.Should().Be(OrderError.ItemUnavailable);
        refused.Detail.Should().Be("Classic (Mint)");
    }
}
