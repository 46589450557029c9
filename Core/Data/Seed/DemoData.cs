using HookahLounge.Core.Bookings;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Promotions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HookahLounge.Core.Data.Seed;

/// <summary>A real-looking lounge to click through: menu, zones and tables, a few promos and events.</summary>
public sealed class DemoData(LoungeDbContext db, TimeProvider time, ILogger<DemoData> logger)
{
    /// <summary>Loads the demo once, into a database that has no menu yet.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        if (await db.MenuCategories.AnyAsync(ct) || await db.Zones.AnyAsync(ct))
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.MenuCategories.AddRange(Menu());
        db.Zones.AddRange(Zones());
        db.Promotions.AddRange(Promotions(now));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo data loaded: menu, tables and promotions");
        return true;
    }

    private static MenuCategory[] Menu()
    {
        // Brand names read the same in English, so the tobaccos have no English names.
        var tobaccos = new[] { "Darkside", "MustHave", "Element", "Black Burn", "Tangiers" };
        (string Ru, string En)[] flavours =
        [
            ("Манго", "Mango"), ("Мята", "Mint"), ("Грейпфрут", "Grapefruit"), ("Ягодный микс", "Berry mix"), ("Дыня", "Melon"),
            ("Лимонный пирог", "Lemon pie"), ("Кола", "Cola"), ("Персик", "Peach"), ("Черника", "Blueberry"), ("Малина", "Raspberry"),
        ];

        // One library of option groups shared by every hookah: the tobacco list is kept (and stop-listed) in one place.
        MenuOptionGroup[] hookahOptions =
        [
            new() { Name = "Табак", NameEn = "Tobacco", MinSelected = 0, MaxSelected = 1, SortOrder = 0, Values = [.. tobaccos.Select((t, i) => new MenuOptionValue { Name = t, SortOrder = i })] },
            new()
            {
                Name = "Вкусы (до 3)", NameEn = "Flavours (up to 3)", MinSelected = 0, MaxSelected = 3, SortOrder = 1,
                Values = [.. flavours.Select((f, i) => new MenuOptionValue { Name = f.Ru, NameEn = f.En, SortOrder = i })],
            },
            new()
            {
                Name = "Крепость", NameEn = "Strength", MinSelected = 1, MaxSelected = 1, SortOrder = 2,
                Values =
                [
                    new() { Name = "Лёгкий", NameEn = "Light", SortOrder = 0 },
                    new() { Name = "Средний", NameEn = "Medium", SortOrder = 1, IsDefault = true },
                    new() { Name = "Крепкий", NameEn = "Strong", SortOrder = 2 },
                ],
            },
            new()
            {
                Name = "Чаша", NameEn = "Bowl", MinSelected = 1, MaxSelected = 1, SortOrder = 3,
                Values =
                [
                    new() { Name = "Глиняная", NameEn = "Clay", SortOrder = 0, IsDefault = true },
                    new() { Name = "Грейпфрут", NameEn = "Grapefruit", PriceDelta = 600, SortOrder = 1 },
                    new() { Name = "Ананас", NameEn = "Pineapple", PriceDelta = 900, SortOrder = 2 },
                ],
            },
            new()
            {
                Name = "Колба", NameEn = "Base", MinSelected = 1, MaxSelected = 1, SortOrder = 4,
                Values =
                [
                    new() { Name = "Вода", NameEn = "Water", SortOrder = 0, IsDefault = true },
                    new() { Name = "Молоко", NameEn = "Milk", PriceDelta = 150, SortOrder = 1 },
                    new() { Name = "Сок", NameEn = "Juice", PriceDelta = 200, SortOrder = 2 },
                ],
            },
        ];

        MenuItem Hookah((string Ru, string En) name, (string Ru, string En) description, decimal price, int sort, string? tags = null) => new()
        {
            Name = name.Ru,
            NameEn = name.En,
            Description = description.Ru,
            DescriptionEn = description.En,
            Price = price,
            SortOrder = sort,
            Tags = tags,
            OptionGroups = [.. hookahOptions],
        };

        MenuItem Plain((string Ru, string En) name, (string Ru, string En) description, decimal price, int sort, string? tags = null) =>
            new() { Name = name.Ru, NameEn = name.En, Description = description.Ru, DescriptionEn = description.En, Price = price, SortOrder = sort, Tags = tags };

        return
        [
            new()
            {
                Name = "Кальяны", NameEn = "Hookahs", Slug = "hookahs", SortOrder = 0,
                Items =
                [
                    Hookah(("Классический", "Classic"), ("Глиняная чаша, забивка на ваш вкус, держит 60–80 минут.", "Clay bowl packed to your taste, lasts 60–80 minutes."), 1400, 0, "хит"),
                    Hookah(("Премиум", "Premium"), ("Авторский микс от кальянного мастера, табаки премиум-линеек.", "A signature mix by our hookah master, premium tobacco lines."), 1900, 1),
                    Hookah(("На фрукте", "Fruit bowl"), ("Чаша из свежего грейпфрута или ананаса, мягкий сочный дым.", "A bowl of fresh grapefruit or pineapple, soft juicy smoke."), 2300, 2, "новинка"),
                    Plain(("Замена чаши", "Bowl refill"), ("Новая забивка на том же кальяне.", "A fresh pack on the same hookah."), 900, 3),
                ],
            },
            new()
            {
                Name = "Чай и напитки", NameEn = "Tea and drinks", Slug = "drinks", SortOrder = 1,
                Items =
                [
                    Plain(("Пуэр, чайник 0,8 л", "Pu-erh, 0.8 l pot"), ("Выдержанный шу пуэр, глубокий землистый вкус.", "Aged shou pu-erh, deep earthy taste."), 550, 0),
                    Plain(("Молочный улун, чайник 0,8 л", "Milk oolong, 0.8 l pot"), ("Сливочный аромат, мягкое послевкусие.", "Creamy aroma, soft aftertaste."), 590, 1, "хит"),
                    Plain(("Иван-чай с чабрецом, чайник 0,8 л", "Fireweed tea with thyme, 0.8 l pot"), ("Без кофеина, тёплый травяной вкус.", "Caffeine-free, warm herbal taste."), 450, 2),
                    Plain(("Облепиховый чай, чайник 1 л", "Sea buckthorn tea, 1 l pot"), ("Облепиха, апельсин, мёд.", "Sea buckthorn, orange, honey."), 650, 3),
                    Plain(("Лимонад «Маракуйя», 1 л", "Passion fruit lemonade, 1 l"), ("Домашний лимонад с маракуйей и лаймом.", "Homemade lemonade with passion fruit and lime."), 690, 4),
                    Plain(("Лимонад «Клубника-базилик», 1 л", "Strawberry and basil lemonade, 1 l"), ("Клубника, базилик, содовая.", "Strawberry, basil, soda."), 650, 5),
                    Plain(("Американо", "Americano"), ("Двойной эспрессо и горячая вода.", "Double espresso and hot water."), 220, 6),
                    Plain(("Капучино", "Cappuccino"), ("На обычном или овсяном молоке.", "With regular or oat milk."), 290, 7),
                    Plain(("Вода без газа, 0,5 л", "Still water, 0.5 l"), ("Питьевая вода в стекле.", "Drinking water in a glass bottle."), 180, 8),
                ],
            },
            new()
            {
                Name = "Закуски и десерты", NameEn = "Snacks and desserts", Slug = "snacks", SortOrder = 2,
                Items =
                [
                    Plain(("Начос с сырным соусом", "Nachos with cheese sauce"), ("Кукурузные чипсы, соус чеддер, халапеньо.", "Corn chips, cheddar sauce, jalapeños."), 420, 0),
                    Plain(("Картофель фри", "French fries"), ("С соусом на выбор: сырный, барбекю, чесночный.", "With a sauce of your choice: cheese, barbecue, garlic."), 350, 1),
                    Plain(("Сырная тарелка", "Cheese plate"), ("Четыре сыра, мёд, орехи, виноград.", "Four cheeses, honey, nuts, grapes."), 890, 2),
                    Plain(("Брускетты с томатами", "Tomato bruschetta"), ("Три брускетты, томаты, базилик, пармезан.", "Three bruschettas, tomatoes, basil, parmesan."), 480, 3),
                    Plain(("Чизкейк Нью-Йорк", "New York cheesecake"), ("Классический, с ягодным соусом.", "The classic, with berry sauce."), 390, 4),
                    Plain(("Мороженое, 2 шарика", "Ice cream, 2 scoops"), ("Пломбир, шоколад или фисташка.", "Vanilla, chocolate or pistachio."), 290, 5),
                ],
            },
        ];
    }

    private static Zone[] Zones() =>
    [
        new()
        {
            Name = "Основной зал", Description = "Мягкие диваны, приглушённый свет, музыка.", SortOrder = 0,
            Tables =
            [
                new() { Number = 1, SeatsMin = 1, SeatsMax = 2 },
                new() { Number = 2, SeatsMin = 1, SeatsMax = 2 },
                new() { Number = 3, SeatsMin = 2, SeatsMax = 4 },
                new() { Number = 4, SeatsMin = 2, SeatsMax = 4 },
                new() { Number = 5, SeatsMin = 2, SeatsMax = 5 },
                new() { Number = 6, SeatsMin = 3, SeatsMax = 6 },
            ],
        },
        new()
        {
            Name = "VIP-комнаты", Description = "Отдельные комнаты с PlayStation 5 и проектором.", SortOrder = 1,
            Tables =
            [
                new() { Number = 7, SeatsMin = 2, SeatsMax = 6 },
                new() { Number = 8, SeatsMin = 4, SeatsMax = 10 },
            ],
        },
        new()
        {
            Name = "Веранда", Description = "Открыта с мая по сентябрь, пледы и обогреватели.", SortOrder = 2,
            Tables =
            [
                new() { Number = 9, SeatsMin = 2, SeatsMax = 4 },
                new() { Number = 10, SeatsMin = 2, SeatsMax = 4 },
            ],
        },
    ];

    private static Promotion[] Promotions(DateTime now)
    {
        var friday = now.Date.AddDays(((int)DayOfWeek.Friday - (int)now.DayOfWeek + 7) % 7);
        if (friday.AddHours(23) <= now)
        {
            // This Friday's DJ night is already over: the demo shows the next one.
            friday = friday.AddDays(7);
        }

        return
        [
            new()
            {
                Kind = PromotionKind.Promo, Title = "Счастливые часы", TitleEn = "Happy hours",
                Description = "По будням с 14:00 до 18:00 — скидка 20% на все кальяны.",
                DescriptionEn = "Weekdays from 14:00 to 18:00: 20% off all hookahs.", CreatedAtUtc = now,
            },
            new()
            {
                Kind = PromotionKind.Promo, Title = "Именинникам −15%", TitleEn = "Birthday −15%",
                Description = "Три дня до и после дня рождения скидка 15% на весь счёт при предъявлении документа.",
                DescriptionEn = "15% off the whole bill three days before and after your birthday, with an ID.", CreatedAtUtc = now,
            },
            new()
            {
                Kind = PromotionKind.Event, Title = "DJ-вечер: deep house", TitleEn = "DJ night: deep house",
                Description = "Живой сет резидента с 21:00, бронь столов обязательна.",
                DescriptionEn = "A live set by our resident DJ from 21:00; booking a table is required.",
                StartsAtUtc = friday.AddHours(18), EndsAtUtc = friday.AddHours(23), CreatedAtUtc = now,
            },
            new()
            {
                Kind = PromotionKind.Event, Title = "Турнир по мафии", TitleEn = "Mafia tournament",
                Description = "Ведущий, 10 игроков, призы от заведения. Запись через бота или по телефону.",
                DescriptionEn = "A host, 10 players, prizes from the lounge. Sign up in the bot or by phone.",
                StartsAtUtc = friday.AddDays(5).AddHours(16), EndsAtUtc = friday.AddDays(5).AddHours(20), CreatedAtUtc = now,
            },
        ];
    }
}
