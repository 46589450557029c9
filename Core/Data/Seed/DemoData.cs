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
        var tobaccos = new[] { "Darkside", "MustHave", "Element", "Black Burn", "Tangiers" };
        var flavours = new[] { "Манго", "Мята", "Грейпфрут", "Ягодный микс", "Дыня", "Лимонный пирог", "Кола", "Персик", "Черника", "Малина" };

        MenuItem Hookah(string name, string description, decimal price, int sort, string? tags = null, bool fruitBowl = true) => new()
        {
            Name = name,
            Description = description,
            Price = price,
            SortOrder = sort,
            Tags = tags,
            OptionGroups =
            [
                new() { Name = "Табак", MinSelected = 0, MaxSelected = 1, SortOrder = 0, Values = [.. tobaccos.Select((t, i) => new MenuOptionValue { Name = t, SortOrder = i })] },
                new() { Name = "Вкусы (до 3)", MinSelected = 0, MaxSelected = 3, SortOrder = 1, Values = [.. flavours.Select((f, i) => new MenuOptionValue { Name = f, SortOrder = i })] },
                new()
                {
                    Name = "Крепость", MinSelected = 1, MaxSelected = 1, SortOrder = 2,
                    Values = [new() { Name = "Лёгкий", SortOrder = 0 }, new() { Name = "Средний", SortOrder = 1, IsDefault = true }, new() { Name = "Крепкий", SortOrder = 2 }],
                },
                new()
                {
                    Name = "Чаша", MinSelected = 1, MaxSelected = 1, SortOrder = 3,
                    Values = fruitBowl
                        ? [new() { Name = "Глиняная", SortOrder = 0, IsDefault = true }, new() { Name = "Грейпфрут", PriceDelta = 600, SortOrder = 1 }, new() { Name = "Ананас", PriceDelta = 900, SortOrder = 2 }]
                        : [new() { Name = "Глиняная", SortOrder = 0, IsDefault = true }],
                },
                new()
                {
                    Name = "Колба", MinSelected = 1, MaxSelected = 1, SortOrder = 4,
                    Values = [new() { Name = "Вода", SortOrder = 0, IsDefault = true }, new() { Name = "Молоко", PriceDelta = 150, SortOrder = 1 }, new() { Name = "Сок", PriceDelta = 200, SortOrder = 2 }],
                },
            ],
        };

        MenuItem Plain(string name, string description, decimal price, int sort, string? tags = null) =>
            new() { Name = name, Description = description, Price = price, SortOrder = sort, Tags = tags };

        return
        [
            new()
            {
                Name = "Кальяны", Slug = "hookahs", SortOrder = 0,
                Items =
                [
                    Hookah("Классический", "Глиняная чаша, забивка на ваш вкус, держит 60–80 минут.", 1400, 0, "хит"),
                    Hookah("Премиум", "Авторский микс от кальянного мастера, табаки премиум-линеек.", 1900, 1),
                    Hookah("На фрукте", "Чаша из свежего грейпфрута или ананаса, мягкий сочный дым.", 2300, 2, "новинка"),
                    Plain("Замена чаши", "Новая забивка на том же кальяне.", 900, 3),
                ],
            },
            new()
            {
                Name = "Чай и напитки", Slug = "drinks", SortOrder = 1,
                Items =
                [
                    Plain("Пуэр, чайник 0,8 л", "Выдержанный шу пуэр, глубокий землистый вкус.", 550, 0),
                    Plain("Молочный улун, чайник 0,8 л", "Сливочный аромат, мягкое послевкусие.", 590, 1, "хит"),
                    Plain("Иван-чай с чабрецом, чайник 0,8 л", "Без кофеина, тёплый травяной вкус.", 450, 2),
                    Plain("Облепиховый чай, чайник 1 л", "Облепиха, апельсин, мёд.", 650, 3),
                    Plain("Лимонад «Маракуйя», 1 л", "Домашний лимонад с маракуйей и лаймом.", 690, 4),
                    Plain("Лимонад «Клубника-базилик», 1 л", "Клубника, базилик, содовая.", 650, 5),
                    Plain("Американо", "Двойной эспрессо и горячая вода.", 220, 6),
                    Plain("Капучино", "На обычном или овсяном молоке.", 290, 7),
                    Plain("Вода без газа, 0,5 л", "Питьевая вода в стекле.", 180, 8),
                ],
            },
            new()
            {
                Name = "Закуски и десерты", Slug = "snacks", SortOrder = 2,
                Items =
                [
                    Plain("Начос с сырным соусом", "Кукурузные чипсы, соус чеддер, халапеньо.", 420, 0),
                    Plain("Картофель фри", "С соусом на выбор: сырный, барбекю, чесночный.", 350, 1),
                    Plain("Сырная тарелка", "Четыре сыра, мёд, орехи, виноград.", 890, 2),
                    Plain("Брускетты с томатами", "Три брускетты, томаты, базилик, пармезан.", 480, 3),
                    Plain("Чизкейк Нью-Йорк", "Классический, с ягодным соусом.", 390, 4),
                    Plain("Мороженое, 2 шарика", "Пломбир, шоколад или фисташка.", 290, 5),
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
                Kind = PromotionKind.Promo, Title = "Счастливые часы",
                Description = "По будням с 14:00 до 18:00 — скидка 20% на все кальяны.", CreatedAtUtc = now,
            },
            new()
            {
                Kind = PromotionKind.Promo, Title = "Именинникам −15%",
                Description = "Три дня до и после дня рождения скидка 15% на весь счёт при предъявлении документа.", CreatedAtUtc = now,
            },
            new()
            {
                Kind = PromotionKind.Event, Title = "DJ-вечер: deep house",
                Description = "Живой сет резидента с 21:00, бронь столов обязательна.",
                StartsAtUtc = friday.AddHours(18), EndsAtUtc = friday.AddHours(23), CreatedAtUtc = now,
            },
            new()
            {
                Kind = PromotionKind.Event, Title = "Турнир по мафии",
                Description = "Ведущий, 10 игроков, призы от заведения. Запись через бота или по телефону.",
                StartsAtUtc = friday.AddDays(5).AddHours(16), EndsAtUtc = friday.AddDays(5).AddHours(20), CreatedAtUtc = now,
            },
        ];
    }
}
