using HookahLounge.Core.Data.Seed;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace HookahLounge.Core.Tests.Data;

public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrations_build_the_whole_model_on_an_empty_database(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();

        await db.Database.MigrateAsync();

        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        db.Database.HasPendingModelChanges().Should().BeFalse("every model change needs a migration for this provider");
        (await db.Customers.CountAsync()).Should().Be(0);
        (await db.Outbox.CountAsync()).Should().Be(0);
        (await db.DataProtectionKeys.CountAsync()).Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Demo_data_loads_once_into_an_empty_database(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var seed = new DemoData(db, TimeProvider.System, NullLogger<DemoData>.Instance);

        (await seed.SeedIfEmptyAsync()).Should().BeTrue();
        (await seed.SeedIfEmptyAsync()).Should().BeFalse();

        (await db.MenuCategories.CountAsync()).Should().Be(3);
        (await db.Tables.CountAsync()).Should().BeInRange(8, 12);
        (await db.Zones.CountAsync()).Should().BeInRange(2, 3);
        (await db.Promotions.CountAsync(p => p.Kind == Promotions.PromotionKind.Event)).Should().BeGreaterThanOrEqualTo(2);
        var hookah = await db.MenuItems.Include(i => i.OptionGroups).ThenInclude(g => g.Values).FirstAsync(i => i.Name == "Классический");
        hookah.Price.Should().Be(1400m);
        hookah.OptionGroups.Select(g => g.Name).Should().Contain(["Табак", "Крепость"]);
        hookah.OptionGroups.Single(g => g.Name == "Крепость").Values.Select(v => v.Name).Should().Equal("Лёгкий", "Средний", "Крепкий");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Instants_come_back_as_utc_and_money_keeps_its_kopecks(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var when = new DateTime(2026, 12, 31, 21, 30, 15, DateTimeKind.Utc);
        await using (var db = await database.CreateMigratedContextAsync())
        {
            db.Customers.Add(new Customers.Customer { Name = "Анна", CreatedAtUtc = when, AgeConfirmedAtUtc = when });
            var category = new Menu.MenuCategory { Name = "Чай", Slug = "tea" };
            category.Items.Add(new Menu.MenuItem { Name = "Пуэр", Price = 549.99m });
            db.MenuCategories.Add(category);
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var customer = await read.Customers.SingleAsync();
        customer.CreatedAtUtc.Should().Be(when);
        customer.CreatedAtUtc.Kind.Should().Be(DateTimeKind.Utc);
        customer.AgeConfirmedAtUtc!.Value.Kind.Should().Be(DateTimeKind.Utc);
        (await read.Customers.CountAsync(c => c.CreatedAtUtc > when.AddMinutes(-1))).Should().Be(1, "instants compare in SQL on both providers");
        (await read.MenuItems.SingleAsync()).Price.Should().Be(549.99m);
    }
}
