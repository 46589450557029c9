using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Tests.Bookings;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.MenuEditing;

/// <summary>The menu rules staff rely on: shared option groups, archive instead of delete, order, bulk stop-list, money text.</summary>
public sealed class MenuEditorTests
{
    private static Task<T> EditAsync<T>(BookingHost host, Func<MenuEditor, Task<T>> edit) => host.WithAsync(s => edit(s.GetRequiredService<MenuEditor>()));

    private static async Task<List<MenuItem>> HookahsAsync(BookingHost host)
    {
        await using var db = host.Database.CreateContext();
        return await db.MenuItems.AsNoTracking().Include(i => i.OptionGroups).ThenInclude(g => g.Values)
            .Where(i => i.Category!.Slug == "hookahs" && i.OptionGroups.Count > 0).OrderBy(i => i.SortOrder).ToListAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_shared_group_edited_once_changes_every_hookah_and_a_stopped_tobacco_is_sold_out_on_all_of_them(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        var hookahs = await HookahsAsync(host);
        hookahs.Should().HaveCount(3);
        hookahs.Select(h => h.OptionGroups.Single(g => g.Name == "Табак").Id).Distinct().Should().ContainSingle("the demo lounge keeps one tobacco list for every hookah");
        var tobacco = hookahs[0].OptionGroups.Single(g => g.Name == "Табак");
        var darkside = tobacco.Values.Single(v => v.Name == "Darkside");

        // The same manager twice in a row: a rename, then a stop.
        (await EditAsync(host, e => e.SaveOptionValueAsync(darkside.Id, "Darkside Core", null, 100m))).Should().Be(MenuEditError.None);
        (await EditAsync(host, e => e.SetValueAvailableAsync(darkside.Id, false))).Should().Be(MenuEditError.None);

        foreach (var hookah in await HookahsAsync(host))
        {
            var value = hookah.OptionGroups.Single(g => g.Name == "Табак").Values.Single(v => v.Id == darkside.Id);
            (value.Name, value.PriceDelta, value.IsAvailable).Should().Be(("Darkside Core", 100m, false), $"{hookah.Name} offers the shared list");
            MenuPricing.Price(hookah, [.. MenuPricing.DefaultChoice(hookah), darkside.Id]).Problem.Should().Be("sold-out:Darkside Core");
            MenuPricing.DefaultChoice(hookah).Should().NotContain(darkside.Id);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Groups_are_attached_and_detached_per_item_and_the_group_stays_in_the_library(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        var (refill, group) = await host.WithAsync(async s =>
        {
            var db = s.GetRequiredService<LoungeDbContext>();
            return (await db.MenuItems.SingleAsync(i => i.Name == "Замена чаши"), await db.MenuOptionGroups.SingleAsync(g => g.Name == "Табак"));
        });

        for (var round = 0; round < 2; round++)
        {
            (await EditAsync(host, e => e.AttachOptionGroupAsync(refill.Id, group.Id))).Should().Be(MenuEditError.None);
            (await EditAsync(host, e => e.AttachOptionGroupAsync(refill.Id, group.Id))).Should().Be(MenuEditError.None, "attaching twice changes nothing");
            await using (var db = host.Database.CreateContext())
            {
                (await db.MenuItemOptionGroups.CountAsync(l => l.MenuItemId == refill.Id)).Should().Be(1);
            }

            (await EditAsync(host, e => e.DetachOptionGroupAsync(refill.Id, group.Id))).Should().Be(MenuEditError.None);
            (await EditAsync(host, e => e.DetachOptionGroupAsync(refill.Id, group.Id))).Should().Be(MenuEditError.NotFound);
        }

        await using var read = host.Database.CreateContext();
        (await read.MenuItemOptionGroups.CountAsync(l => l.OptionGroupId == group.Id)).Should().Be(3, "the hookahs still offer it");
        (await EditAsync(host, e => e.AttachOptionGroupAsync(refill.Id, 999_999))).Should().Be(MenuEditError.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_item_in_placed_orders_is_archived_not_deleted_and_leaves_the_guest_menu_while_its_order_line_stays(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        var (customer, classic, cake) = await host.WithAsync(async s =>
        {
            var db = s.GetRequiredService<LoungeDbContext>();
            var guest = new Customer { TelegramUserId = 77, TelegramChatId = 77, Name = "Ира", CreatedAtUtc = DateTime.UtcNow };
            db.Customers.Add(guest);
            await db.SaveChangesAsync();
            return (guest.Id, await db.MenuItems.Include(i => i.OptionGroups).ThenInclude(g => g.Values).AsNoTracking().SingleAsync(i => i.Name == "Классический"),
                await db.MenuItems.AsNoTracking().SingleAsync(i => i.Name == "Чизкейк Нью-Йорк"));
        });
        var placed = await host.WithAsync(s => s.GetRequiredService<OrderService>().PlaceAsync(
            new PlaceOrder(customer, OrderType.Pickup, [new(classic.Id, 1, MenuPricing.DefaultChoice(classic))], PickupAtUtc: new DateTime(2026, 11, 26, 15, 0, 0, DateTimeKind.Utc))));
        placed.Error.Should().Be(OrderError.None);

        (await EditAsync(host, e => e.PreviewRemovalAsync(MenuEntry.Item, classic.Id)))!.OrderLines.Should().Be(1);
        (await EditAsync(host, e => e.RemoveAsync(MenuEntry.Item, classic.Id))).Should().Be(MenuRemoval.Archived);
        (await EditAsync(host, e => e.RemoveAsync(MenuEntry.Item, cake.Id))).Should().Be(MenuRemoval.Deleted, "nobody ordered it");
        (await EditAsync(host, e => e.RemoveAsync(MenuEntry.Item, cake.Id))).Should().Be(MenuRemoval.NotFound);

        await host.WithAsync(async s =>
        {
            var catalog = s.GetRequiredService<MenuCatalog>();
            (await catalog.GetVisibleAsync()).SelectMany(c => c.Items).Select(i => i.Name).Should().NotContain(["Классический", "Чизкейк Нью-Йорк"]);
            (await catalog.FindItemAsync(classic.Id)).Should().BeNull();
            var db = s.GetRequiredService<LoungeDbContext>();
            (await db.OrderLines.SingleAsync(l => l.OrderId == placed.Order!.Id)).ItemName.Should().Be("Классический");
            (await db.MenuItems.SingleAsync(i => i.Id == classic.Id)).IsArchived.Should().BeTrue();
            (await db.MenuItemOptionGroups.CountAsync(l => l.MenuItemId == classic.Id)).Should().Be(5, "an archived item keeps its options for a return");
            return 0;
        });

        var again = await host.WithAsync(s => s.GetRequiredService<OrderService>().PlaceAsync(
            new PlaceOrder(customer, OrderType.Pickup, [new(classic.Id, 1, MenuPricing.DefaultChoice(classic))], PickupAtUtc: new DateTime(2026, 11, 26, 15, 0, 0, DateTimeKind.Utc))));
        again.Error.Should().Be(OrderError.ItemUnavailable, "an archived item cannot be ordered from an old cart");

        (await EditAsync(host, e => e.RestoreAsync(MenuEntry.Item, classic.Id))).Should().Be(MenuEditError.None);
        (await host.WithAsync(s => s.GetRequiredService<MenuCatalog>().FindItemAsync(classic.Id))).Should().NotBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Items_move_up_and_down_and_a_whole_list_is_reordered_only_when_it_names_exactly_the_section(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        async Task<List<string>> SnacksAsync()
        {
            await using var db = host.Database.CreateContext();
            return await db.MenuItems.Where(i => i.Category!.Slug == "snacks").OrderBy(i => i.SortOrder).ThenBy(i => i.Id).Select(i => i.Name).ToListAsync();
        }

        async Task<int> IdAsync(string name)
        {
            await using var db = host.Database.CreateContext();
            return await db.MenuItems.Where(i => i.Name == name).Select(i => i.Id).SingleAsync();
        }

        var before = await SnacksAsync();
        var second = await IdAsync(before[1]);
        (await EditAsync(host, e => e.MoveAsync(MenuList.Items, second, -1))).Should().Be(MenuEditError.None);
        (await EditAsync(host, e => e.MoveAsync(MenuList.Items, second, -1))).Should().Be(MenuEditError.None, "at the top it stays");
        (await SnacksAsync()).Should().Equal([before[1], before[0], .. before.Skip(2)]);
        (await EditAsync(host, e => e.MoveAsync(MenuList.Items, second, 5))).Should().Be(MenuEditError.OrderInvalid);

        var ids = new List<int>();
        foreach (var name in before)
        {
            ids.Add(await IdAsync(name));
        }

        ids.Reverse();
        (await EditAsync(host, e => e.ReorderAsync(MenuList.Items, ids.Skip(1).ToList()))).Should().Be(MenuEditError.OrderInvalid, "one item is missing");
        (await EditAsync(host, e => e.ReorderAsync(MenuList.Items, [.. ids, ids[0]]))).Should().Be(MenuEditError.OrderInvalid, "one item twice");
        (await SnacksAsync()).Should().Equal([before[1], before[0], .. before.Skip(2)], "a refused order changes nothing");
        (await EditAsync(host, e => e.ReorderAsync(MenuList.Items, ids))).Should().Be(MenuEditError.None);
        (await SnacksAsync()).Should().Equal(Enumerable.Reverse(before));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_bulk_stop_list_switches_items_and_values_together_and_an_unknown_id_changes_nothing(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        var (cola, mint, tea) = await host.WithAsync(async s =>
        {
            var db = s.GetRequiredService<LoungeDbContext>();
            return (await db.MenuOptionValues.SingleAsync(v => v.Name == "Кола"), await db.MenuOptionValues.SingleAsync(v => v.Name == "Мята"),
                await db.MenuItems.SingleAsync(i => i.Name.StartsWith("Пуэр")));
        });

        (await EditAsync(host, e => e.SetStopListAsync([tea.Id, 999_999], [cola.Id], false))).Should().Be(MenuEditError.NotFound);
        (await EditAsync(host, e => e.SetStopListAsync([], [], false))).Should().Be(MenuEditError.NothingChosen);
        await using (var db = host.Database.CreateContext())
        {
            (await db.MenuItems.SingleAsync(i => i.Id == tea.Id)).IsAvailable.Should().BeTrue();
            (await db.MenuOptionValues.SingleAsync(v => v.Id == cola.Id)).IsAvailable.Should().BeTrue();
        }

        (await EditAsync(host, e => e.SetStopListAsync([tea.Id], [cola.Id, mint.Id], false))).Should().Be(MenuEditError.None);
        await using (var db = host.Database.CreateContext())
        {
            (await db.MenuItems.SingleAsync(i => i.Id == tea.Id)).IsAvailable.Should().BeFalse();
            (await db.MenuOptionValues.Where(v => v.Id == cola.Id || v.Id == mint.Id).Select(v => v.IsAvailable).ToListAsync()).Should().Equal(false, false);
        }

        (await EditAsync(host, e => e.SetStopListAsync([tea.Id], [cola.Id, mint.Id], true))).Should().Be(MenuEditError.None);
        await using var after = host.Database.CreateContext();
        (await after.MenuOptionValues.CountAsync(v => !v.IsAvailable)).Should().Be(0);
    }

    [Theory]
    [InlineData(450.5, "450,50\u00A0₽")]
    [InlineData(1400, "1\u00A0400\u00A0₽")]
    [InlineData(0.05, "0,05\u00A0₽")]
    [InlineData(12345.67, "12\u00A0345,67\u00A0₽")]
    [InlineData(0, "0\u00A0₽")]
    public void Money_reads_as_whole_rubles_or_with_two_kopeck_digits(decimal amount, string expected)
    {
        Rubles.Format(amount).Replace('\u202F', '\u00A0').Should().Be(expected);
        Rubles.Input(amount).Should().Be(expected.Replace("\u00A0₽", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_migration_merges_identical_per_item_groups_into_one_shared_group_and_keeps_the_rest(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            var migrator = db.GetService<IMigrator>();
            var previous = db.Database.GetMigrations().Last(m => m.EndsWith("_Hardening", StringComparison.Ordinal));
            await migrator.MigrateAsync(previous);
            string[] sql =
            [
                """INSERT INTO "MenuCategories" ("Id", "Name", "Slug", "SortOrder", "IsVisible") VALUES (1, 'Кальяны', 'hookahs', 0, TRUE)""",
                """INSERT INTO "MenuItems" ("Id", "CategoryId", "Name", "Price", "IsAvailable", "SortOrder") VALUES (1, 1, 'Классический', 1400, TRUE, 0), (2, 1, 'Премиум', 1900, TRUE, 1)""",
                """INSERT INTO "MenuOptionGroups" ("Id", "MenuItemId", "Name", "MinSelected", "MaxSelected", "SortOrder") VALUES (10, 1, 'Табак', 0, 1, 0), (20, 2, 'Табак', 0, 1, 0), (11, 1, 'Чаша', 1, 1, 1), (21, 2, 'Чаша', 1, 1, 1)""",
                """
                INSERT INTO "MenuOptionValues" ("Id", "OptionGroupId", "Name", "PriceDelta", "IsAvailable", "IsDefault", "SortOrder") VALUES
                (100, 10, 'Darkside', 0, TRUE, FALSE, 0), (101, 10, 'Element', 0, TRUE, FALSE, 1),
                (200, 20, 'Darkside', 0, TRUE, FALSE, 0), (201, 20, 'Element', 0, FALSE, FALSE, 1),
                (110, 11, 'Глиняная', 0, TRUE, TRUE, 0),
                (210, 21, 'Глиняная', 0, TRUE, TRUE, 0), (211, 21, 'Ананас', 900, TRUE, FALSE, 1)
                """,
            ];
            foreach (var statement in sql)
            {
                await db.Database.ExecuteSqlRawAsync(statement);
            }

            await migrator.MigrateAsync();
        }

        await using var read = database.CreateContext();
        var items = await read.MenuItems.AsNoTracking().Include(i => i.OptionGroups).ThenInclude(g => g.Values).OrderBy(i => i.Id).ToListAsync();
        items[0].OptionGroups.Single(g => g.Name == "Табак").Id.Should().Be(10);
        items[1].OptionGroups.Single(g => g.Name == "Табак").Id.Should().Be(10, "identical tobacco lists became one shared list");
        items[0].OptionGroups.Single(g => g.Name == "Табак").Values.OrderBy(v => v.SortOrder).Select(v => (v.Id, v.Name, v.IsAvailable))
            .Should().Equal((100, "Darkside", true), (101, "Element", false));
        items[0].OptionGroups.Single(g => g.Name == "Чаша").Id.Should().Be(11);
        items[1].OptionGroups.Single(g => g.Name == "Чаша").Id.Should().Be(21, "a bowl list with a fruit bowl is a different list");
        (await read.MenuOptionGroups.CountAsync()).Should().Be(3);
        (await read.MenuOptionValues.AnyAsync(v => v.OptionGroupId == 20)).Should().BeFalse();
    }
}
