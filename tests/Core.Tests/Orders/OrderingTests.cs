using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Tests.Bookings;
using HookahLounge.Core.Visits;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.Orders;

public sealed class OrderingTests
{
    // The test clock says Thursday 12:00 in Moscow; 18:00 is within the day's hours.
    private static readonly DateTime Pickup = new(2026, 11, 26, 15, 0, 0, DateTimeKind.Utc);

    private static async Task<(int CustomerId, MenuItem Classic)> SetUpAsync(BookingHost host)
    {
        await using var db = host.Database.CreateContext();
        var customer = new Customer { TelegramUserId = 321, TelegramChatId = 321, Name = "Лёша", CreatedAtUtc = DateTime.UtcNow };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        var classic = await db.MenuItems.Include(i => i.OptionGroups).ThenInclude(g => g.Values).AsNoTracking().SingleAsync(i => i.Name == "Классический");
        return (customer.Id, classic);
    }

    private static int Value(MenuItem item, string group, string value) =>
        item.OptionGroups.Single(g => g.Name.StartsWith(group, StringComparison.Ordinal)).Values.Single(v => v.Name == value).Id;

    private static List<int> Choice(MenuItem item, params string[] flavours) =>
    [
        Value(item, "Табак", "Darkside"),
        .. flavours.Select(f => Value(item, "Вкусы", f)),
        Value(item, "Крепость", "Крепкий"),
        Value(item, "Чаша", "Грейпфрут"),
        Value(item, "Колба", "Молоко"),
    ];

    private static Task<OrderResult> PlaceAsync(BookingHost host, PlaceOrder order) =>
        host.WithAsync(s => s.GetRequiredService<OrderService>().PlaceAsync(order));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Options_are_priced_and_summarised_on_the_server_and_the_line_keeps_its_price(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        var (customer, classic) = await SetUpAsync(host);

        var result = await PlaceAsync(host, new PlaceOrder(customer, OrderType.Pickup, [new(classic.Id, 2, Choice(classic, "Манго", "Мята"))], PickupAtUtc: Pickup));

        result.Error.Should().Be(OrderError.None);
        var line = result.Order!.Lines.Single();
        line.UnitPrice.Should().Be(1400 + 600 + 150);
        result.Order.Total.Should().Be(2 * 2150);
        line.OptionsSummary.Should().Be("Табак: Darkside; Вкусы (до 3): Манго, Мята; Крепость: Крепкий; Чаша: Грейпфрут; Колба: Молоко");

        await using (var db = host.Database.CreateContext())
        {
            await db.MenuItems.Where(i => i.Id == classic.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Price, 1600m));
        }

        await using var read = host.Database.CreateContext();
        (await read.OrderLines.SingleAsync()).UnitPrice.Should().Be(2150, "a placed order keeps the prices it was placed with");
    }

    [Fact]
    public async Task Option_rules_are_enforced_and_nothing_is_saved_when_they_are_broken()
    {
        await using var host = await BookingHost.StartAsync();
        var (customer, classic) = await SetUpAsync(host);
        var tea = await host.WithAsync(s => s.GetRequiredService<LoungeDbContext>().MenuItems.Where(i => i.Name.StartsWith("Пуэр")).Select(i => i.Id).SingleAsync());

        (await PlaceAsync(host, new PlaceOrder(customer, OrderType.Pickup, [new(classic.Id, 1, Choice(classic, "Манго", "Мята", "Кола", "Персик"))])))
            .Error.Should().Be(OrderError.OptionsInvalid, "at most three flavours");
        (await PlaceAsync(host, new PlaceOrder(customer, OrderType.Pickup, [new(classic.Id, 1, [Value(classic, "Табак", "Darkside")])], PickupAtUtc: Pickup)))
            .Error.Should().Be(OrderError.OptionsInvalid, "strength, bowl and flavours are required");
        (await PlaceAsync(host, new PlaceOrder(customer, OrderType.Pickup, [new(tea, 1, [Value(classic, "Табак", "Darkside")])], PickupAtUtc: Pickup)))
            .Error.Should().Be(OrderError.OptionsInvalid, "a value of another item's options");
        (await PlaceAsync(host, new PlaceOrder(customer, OrderType.Pickup, [new(classic.Id, 0, Choice(classic, "Манго"))])))
            .Error.Should().Be(OrderError.BadQuantity);
        (await PlaceAsync(host, new PlaceOrder(customer, OrderType.Pickup, [new(classic.Id, 21, Choice(classic, "Манго"))])))
            .Error.Should().Be(OrderError.BadQuantity);
        (await PlaceAsync(host, new PlaceOrder(customer, OrderType.Pickup, [new(999_999, 1)]))).Error.Should().Be(OrderError.ItemUnavailable);

        await using var db = host.Database.CreateContext();
        (await db.Orders.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_flavour_put_on_the_stop_list_meanwhile_is_named_and_the_order_refused()
    {
        await using var host = await BookingHost.StartAsync();
        var (customer, classic) = await SetUpAsync(host);
        await using (var db = host.Database.CreateContext())
        {
            await db.MenuOptionValues.Where(v => v.Id == Value(classic, "Вкусы", "Мята")).ExecuteUpdateAsync(s => s.SetProperty(v => v.IsAvailable, false));
        }

        var result = await PlaceAsync(host, new PlaceOrder(customer, OrderType.Pickup, [new(classic.Id, 1, Choice(classic, "Манго", "Мята"))]));

        result.Error.Should().Be(OrderError.ItemUnavailable);
        result.Detail.Should().Contain("Мята");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_confirm_twice_places_one_order(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        var (customer, classic) = await SetUpAsync(host);
        var order = new PlaceOrder(customer, OrderType.Pickup, [new(classic.Id, 1, Choice(classic, "Дыня"))], IdempotencyKey: "chat:321:cart:7", PickupAtUtc: Pickup);

        var first = await PlaceAsync(host, order);
        var second = await PlaceAsync(host, order);

        second.Order!.Id.Should().Be(first.Order!.Id);
        await using var db = host.Database.CreateContext();
        (await db.Orders.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Scanning_a_table_opens_a_visit_that_later_orders_and_the_bill_join()
    {
        await using var host = await BookingHost.StartAsync();
        var (customer, classic) = await SetUpAsync(host);

        var opened = await host.WithAsync(s => s.GetRequiredService<VisitService>().OpenAtTableAsync(customer, 5));
        opened.TableNumber.Should().Be(5);
        (await host.WithAsync(s => s.GetRequiredService<VisitService>().OpenAtTableAsync(customer, 5))).Visit!.Id.Should().Be(opened.Visit!.Id, "scanning again keeps the visit");

        var hookah = await PlaceAsync(host, new PlaceOrder(customer, OrderType.AtTable, [new(classic.Id, 1, Choice(classic, "Манго"))]));
        var tea = await PlaceAsync(host, new PlaceOrder(customer, OrderType.AtTable, [new(await host.WithAsync(s => s.GetRequiredService<LoungeDbContext>().MenuItems.Where(i => i.Name.StartsWith("Пуэр")).Select(i => i.Id).SingleAsync()), 1)]));

        hookah.Order!.VisitId.Should().Be(opened.Visit.Id);
        tea.Order!.VisitId.Should().Be(opened.Visit.Id);
        (await host.TableNumberAsync(tea.Order.TableId)).Should().Be(5, "no need to ask the table again");
        var bill = await host.WithAsync(s => s.GetRequiredService<VisitService>().CurrentAsync(customer));
        bill!.Total.Should().Be(2150 + 550);

        (await host.WithAsync(s => s.GetRequiredService<VisitService>().EndAsync(customer))).Error.Should().Be(VisitError.None);
        (await host.WithAsync(s => s.GetRequiredService<VisitService>().CurrentAsync(customer))).Should().BeNull();
        (await host.WithAsync(s => s.GetRequiredService<VisitService>().OpenAtTableAsync(customer, 99))).Error.Should().Be(VisitError.TableUnknown);
    }

    [Fact]
    public async Task A_second_identical_service_call_is_not_duplicated_and_staff_reaction_time_is_recorded()
    {
        await using var host = await BookingHost.StartAsync();
        var (customer, _) = await SetUpAsync(host);
        (await host.WithAsync(s => s.GetRequiredService<VisitService>().CallAsync(customer, ServiceCallKind.ChangeCoals))).Error.Should().Be(VisitError.NoOpenVisit);
        await host.WithAsync(s => s.GetRequiredService<VisitService>().OpenAtTableAsync(customer, 3));

        var first = await host.WithAsync(s => s.GetRequiredService<VisitService>().CallAsync(customer, ServiceCallKind.ChangeCoals));
        var again = await host.WithAsync(s => s.GetRequiredService<VisitService>().CallAsync(customer, ServiceCallKind.ChangeCoals));
        var bill = await host.WithAsync(s => s.GetRequiredService<VisitService>().CallAsync(customer, ServiceCallKind.Bill, PaymentMethod.Cash));

        first.AlreadyOpen.Should().BeFalse();
        again.AlreadyOpen.Should().BeTrue();
        again.Call!.Id.Should().Be(first.Call!.Id);
        bill.Call!.PaymentMethod.Should().Be(PaymentMethod.Cash);
        host.Clock.Advance(TimeSpan.FromSeconds(95));
        var accepted = await host.WithAsync(s => s.GetRequiredService<VisitService>().AdvanceCallAsync(first.Call.Id, ServiceCallStatus.Accepted, "Анна"));
        accepted.Call!.TimeToAccept.Should().Be(TimeSpan.FromSeconds(95));
        (await host.WithAsync(s => s.GetRequiredService<VisitService>().AdvanceCallAsync(first.Call.Id, ServiceCallStatus.Accepted, "Анна"))).Error.Should().Be(VisitError.NotAllowed);
        await host.WithAsync(s => s.GetRequiredService<VisitService>().AdvanceCallAsync(first.Call.Id, ServiceCallStatus.Done, "Анна"));
        (await host.WithAsync(s => s.GetRequiredService<VisitService>().CallAsync(customer, ServiceCallKind.ChangeCoals))).AlreadyOpen.Should().BeFalse("the last one was done, so this is a new request");
        await using var db = host.Database.CreateContext();
        (await db.Outbox.CountAsync(m => m.Key.StartsWith("call:") && m.Key.EndsWith(":new"))).Should().Be(3, "three calls were made, the repeat was not one");
        (await db.Outbox.Where(m => m.ThreadKey == $"call:{first.Call.Id}:staff").Select(m => m.Key).ToListAsync())
            .Should().Equal([$"call:{first.Call.Id}:new", $"call:{first.Call.Id}:Accepted", $"call:{first.Call.Id}:Done"], "the call's staff post follows its status");
    }

    [Fact]
    public async Task Takeaway_times_are_offered_and_accepted_only_within_opening_hours()
    {
        await using var host = await BookingHost.StartAsync();
        var (customer, classic) = await SetUpAsync(host);
        var tea = await host.WithAsync(s => s.GetRequiredService<LoungeDbContext>().MenuItems.Where(i => i.Name.StartsWith("Пуэр")).Select(i => i.Id).SingleAsync());

        var choices = await host.WithAsync(s => Task.FromResult(s.GetRequiredService<OrderService>().PickupChoicesUtc()));
        choices.Should().HaveCount(8);
        choices.First().Should().Be(new DateTime(2026, 11, 26, 11, 0, 0, DateTimeKind.Utc), "the lounge opens at 14:00 Moscow");

        (await PlaceAsync(host, new PlaceOrder(customer, OrderType.Pickup, [new(tea, 1)]))).Error.Should().Be(OrderError.PickupTimeInvalid);
        (await PlaceAsync(host, new PlaceOrder(customer, OrderType.Pickup, [new(tea, 1)], PickupAtUtc: new DateTime(2026, 11, 26, 9, 30, 0, DateTimeKind.Utc))))
            .Error.Should().Be(OrderError.PickupTimeInvalid, "12:30 is before opening");
        var ok = await PlaceAsync(host, new PlaceOrder(customer, OrderType.Pickup, [new(tea, 1)], PickupAtUtc: choices[0]));
        ok.Order!.PickupAtUtc.Should().Be(choices[0]);
    }
}
