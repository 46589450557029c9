using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Bot.Tests;

/// <summary>New orders and bookings in the staff group, and what its buttons may do.</summary>
public sealed class StaffChatTests : IAsyncLifetime
{
    private const long StaffChat = -1009876543210;
    private const long StaffTelegramId = 777001;
    private const long GuestChat = 9301;
    private BotHost _host = null!;

    public async Task InitializeAsync() => _host = await BotHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Telegram:StaffChatId"] = StaffChat.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:PollIntervalSeconds"] = "0.2",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _host.App!.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<StaffUser> LinkedStaffAsync() => WithServicesAsync(async services =>
    {
        var accounts = services.GetRequiredService<StaffAccounts>();
        var user = (await accounts.CreateAsync("anna", "Анна", "anna-password", StaffRole.Staff)).User!;
        await accounts.SetTelegramUserIdAsync(user.Id, StaffTelegramId);
        return user;
    });

    private Task<Order> PlaceOrderAsync() => WithServicesAsync(async services =>
    {
        var db = services.GetRequiredService<LoungeDbContext>();
        var customer = new Customer
        {
            TelegramUserId = GuestChat, TelegramChatId = GuestChat, Name = "Олег", CreatedAtUtc = DateTime.UtcNow,
            Tags = CustomerTags.Format(["VIP"]), Notes = "Аллергия на мяту",
        };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        var plate = await db.MenuItems.FirstAsync(i => i.Name == "Сырная тарелка");
        return (await services.GetRequiredService<OrderService>().PlaceAsync(new PlaceOrder(customer.Id, OrderType.AtTable, [new(plate.Id, 1)], TableNumber: 4, Comment: "Без орехов"))).Order!;
    });

    private async Task<OrderStatus> StatusOfAsync(int orderId)
    {
        await using var db = _host.Database.CreateContext();
        return await db.Orders.Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync();
    }

    private static System.Text.Json.Nodes.JsonObject GroupButton(long updateId, long chatId, long fromId, string data, int messageId)
    {
        var update = Updates.Button(updateId, chatId, data, messageId);
        var query = update["callback_query"]!.AsObject();
        query["from"] = Updates.User(fromId);
        query["message"]!["chat"] = new System.Text.Json.Nodes.JsonObject { ["id"] = chatId, ["type"] = "supergroup", ["title"] = "Персонал" };
        query["message"]!["text"] = "🆕 Заказ";
        return update;
    }

    private async Task<string> StaffPressAsync(string data)
    {
        var updateId = _host.Telegram.NextUpdateId();
        _host.Telegram.Push(GroupButton(updateId, StaffChat, StaffTelegramId, data, messageId: 41));
        var answer = (await _host.Telegram.WaitForAsync(all => all.Any(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{updateId}")))
            .Single(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{updateId}");
        return answer.Body["text"]?.GetValue<string>() ?? "";
    }

    [Fact]
    public async Task Staff_chat_actions_are_audited_with_the_linked_staff_member_as_the_actor()
    {
        var anna = await LinkedStaffAsync();
        var order = await PlaceOrderAsync();
        var (bookingId, callId) = await WithServicesAsync(async services =>
        {
            var customerId = order.CustomerId;
            var booking = (await services.GetRequiredService<BookingService>().CreateAsync(new BookingRequest(
                TestDates.NextWednesday(), new TimeOnly(20, 0), 2, 120, BookingSource.Bot, "Олег", null, CustomerId: customerId, ConsentGiven: true))).Booking!;
            var visits = services.GetRequiredService<Core.Visits.VisitService>();
            (await visits.OpenAtTableAsync(customerId, 4)).Error.Should().Be(Core.Visits.VisitError.None);
            var call = (await visits.CallAsync(customerId, Core.Visits.ServiceCallKind.Waiter)).Call!;
            return (booking.Id, call.Id);
        });

        (await StaffPressAsync($"staff:order:accept:{order.Id}")).Should().Be("✅ Принят");
        (await StaffPressAsync($"staff:booking:confirm:{bookingId}")).Should().Be("✅ Подтверждена");
        (await StaffPressAsync($"staff:call:accept:{callId}")).Should().Be("👌 Принято");
        (await StaffPressAsync($"staff:order:accept:{order.Id}")).Should().StartWith("Уже нельзя", "a refused press changes nothing and records nothing");

        await using var db = _host.Database.CreateContext();
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        entries.Should().OnlyContain(e => e.StaffUserId == anna.Id && e.Actor == "anna");
        entries.Select(e => (e.Area, e.Entity, e.Action)).Should().Equal(
            (Core.Audit.AuditArea.Orders, "Order", "Modified"),
            (Core.Audit.AuditArea.Bookings, "Booking", "Modified"),
            (Core.Audit.AuditArea.ServiceCalls, "ServiceCall", "Modified"));
        entries[0].EntityKey.Should().Be(order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        entries[0].Changes.Should().Contain("Status: New → Accepted");
        entries[1].Changes.Should().Contain("Status: New → Confirmed");
        entries[2].Changes.Should().Contain("Status: New → Accepted");
    }

    [Fact]
    public async Task A_new_order_is_posted_to_the_staff_chat_with_accept_and_decline_buttons()
    {
        var order = await PlaceOrderAsync();

        var calls = await _host.Telegram.WaitForAsync(all => all.Any(c => c.ChatId == StaffChat));
        var alert = calls.Single(c => c.ChatId == StaffChat);
        alert.Text.Should().Contain($"Заказ №{order.Id}").And.Contain("к столу 4").And.Contain("Сырная тарелка × 1").And.Contain("890\u00A0₽").And.Contain("Без орехов");
        alert.Text.Should().Contain("🏷 vip").And.Contain("📝 Аллергия на мяту", "staff see the guest's tags and notes where they work");
        alert.ButtonData.Should().Equal($"staff:order:accept:{order.Id}", $"staff:order:decline:{order.Id}");
        await _host.Telegram.WaitForAsync(all => all.Any(c => c.ChatId == GuestChat && c.Text!.Contains($"Заказ №{order.Id} получен")));
    }

    [Fact]
    public async Task Linked_staff_move_an_order_through_its_statuses_and_every_post_follows()
    {
        await LinkedStaffAsync();
        var order = await PlaceOrderAsync();
        var post = (await _host.Telegram.WaitForAsync(all => all.Any(c => c.ChatId == StaffChat && c.Method == "sendmessage"))).Single(c => c.ChatId == StaffChat);
        var postId = post.Body["message_id"]?.GetValue<int>();
        var card = (await _host.Telegram.WaitForAsync(all => all.Any(c => c.ChatId == GuestChat && c.Method == "sendmessage"))).Single(c => c.ChatId == GuestChat);
        card.Text.Should().Contain($"Заказ №{order.Id} получен").And.Contain("Сырная тарелка × 1");

        _host.Telegram.Push(GroupButton(_host.Telegram.NextUpdateId(), StaffChat, StaffTelegramId, $"staff:order:accept:{order.Id}", messageId: 40));

        var accepted = (await _host.Telegram.WaitForAsync(all => all.Any(c => c.ChatId == GuestChat && c.Method == "editmessagetext" && c.Text!.Contains("принят"))))
            .Last(c => c.ChatId == GuestChat && c.Method == "editmessagetext");
        accepted.Text.Should().Contain($"✅ Заказ №{order.Id} принят.").And.Contain("Сырная тарелка × 1");
        var staffEdit = (await _host.Telegram.WaitForAsync(all => all.Any(c => c.Method == "editmessagetext" && c.ChatId == StaffChat)))
            .Last(c => c.Method == "editmessagetext" && c.ChatId == StaffChat);
        staffEdit.Text.Should().Contain("Статус: <b>принят</b> — Анна").And.Contain("Сырная тарелка");
        staffEdit.ButtonData.Should().Equal($"staff:order:prepare:{order.Id}", $"staff:order:ready:{order.Id}");
        (await StatusOfAsync(order.Id)).Should().Be(OrderStatus.Accepted);

        _host.Telegram.Push(GroupButton(_host.Telegram.NextUpdateId(), StaffChat, StaffTelegramId, $"staff:order:ready:{order.Id}", messageId: 40));

        var buzz = (await _host.Telegram.WaitForAsync(all => all.Count(c => c.ChatId == GuestChat && c.Method == "sendmessage") >= 2))
            .Where(c => c.ChatId == GuestChat && c.Method == "sendmessage").Last();
        buzz.Text.Should().Contain($"Заказ №{order.Id} готов");
        var ready = (await _host.Telegram.WaitForAsync(all => all.Count(c => c.Method == "editmessagetext" && c.ChatId == StaffChat) >= 2))
            .Last(c => c.Method == "editmessagetext" && c.ChatId == StaffChat);
        ready.ButtonData.Should().Equal($"staff:order:complete:{order.Id}");
        if (postId is { } id)
        {
            ready.Body["message_id"]!.GetValue<int>().Should().Be(id, "the staff post is edited, not posted again");
        }

        _host.Telegram.Calls.Count(c => c.ChatId == GuestChat && c.Method == "sendmessage").Should().Be(2, "one live card plus one message when it is ready");
        await using var db = _host.Database.CreateContext();
        var changes = await db.OrderStatusChanges.Where(c => c.OrderId == order.Id).ToListAsync();
        changes.Should().OnlyContain(c => c.ByName == "Анна").And.HaveCount(2);
    }

    [Fact]
    public async Task A_button_pressed_by_someone_who_is_not_staff_changes_nothing()
    {
        await LinkedStaffAsync();
        var order = await PlaceOrderAsync();
        await _host.Telegram.WaitForAsync(all => all.Any(c => c.ChatId == StaffChat));
        await using var db = _host.Database.CreateContext();
        var outboxBefore = await db.Outbox.CountAsync();
        var updateId = _host.Telegram.NextUpdateId();

        _host.Telegram.Push(GroupButton(updateId, StaffChat, fromId: 123, $"staff:order:decline:{order.Id}", messageId: 41));

        var answer = (await _host.Telegram.WaitForAsync(all => all.Any(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{updateId}")))
            .Single(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{updateId}");
        answer.Body["text"]!.GetValue<string>().Should().Contain("только для сотрудников");
        answer.Body["show_alert"]!.GetValue<bool>().Should().BeTrue();
        (await StatusOfAsync(order.Id)).Should().Be(OrderStatus.New);
        (await db.Outbox.CountAsync()).Should().Be(outboxBefore);
        (await db.OrderStatusChanges.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Staff_buttons_outside_the_staff_chat_do_nothing()
    {
        await LinkedStaffAsync();
        var order = await PlaceOrderAsync();
        var updateId = _host.Telegram.NextUpdateId();

        _host.Telegram.Push(GroupButton(updateId, chatId: -100111, StaffTelegramId, $"staff:order:accept:{order.Id}", messageId: 42));

        await _host.Telegram.WaitForAsync(all => all.Any(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{updateId}"));
        (await StatusOfAsync(order.Id)).Should().Be(OrderStatus.New);
    }

    [Fact]
    public async Task A_second_accept_from_a_stale_message_is_refused_with_the_current_status()
    {
        await LinkedStaffAsync();
        var order = await PlaceOrderAsync();
        _host.Telegram.Push(GroupButton(_host.Telegram.NextUpdateId(), StaffChat, StaffTelegramId, $"staff:order:accept:{order.Id}", messageId: 43));
        await _host.Telegram.WaitForAsync(all => all.Any(c => c.Method == "editmessagetext" && c.ChatId == StaffChat));
        var second = _host.Telegram.NextUpdateId();


        _host.Telegram.Push(GroupButton(second, StaffChat, StaffTelegramId, $"staff:order:accept:{order.Id}", messageId: 43));

        var answer = (await _host.Telegram.WaitForAsync(all => all.Any(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{second}")))
            .Single(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{second}");
        answer.Body["text"]!.GetValue<string>().Should().Contain("«принят»");
        (await StatusOfAsync(order.Id)).Should().Be(OrderStatus.Accepted);
    }

    [Fact]
    public async Task Staff_decline_a_booking_and_the_guest_hears_why()
    {
        await LinkedStaffAsync();
        var booking = await WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<LoungeDbContext>();
            var customer = new Customer { TelegramUserId = GuestChat, TelegramChatId = GuestChat, Name = "Олег", CreatedAtUtc = DateTime.UtcNow };
            var start = DateTime.UtcNow.Date.AddDays(2).AddHours(17);
            var newBooking = new Booking { Code = "K7Q2", Customer = customer, GuestName = "Олег", PartySize = 4, StartUtc = start, EndUtc = start.AddHours(2), CreatedAtUtc = DateTime.UtcNow };
            db.Bookings.Add(newBooking);
            await db.SaveChangesAsync();
            await services.GetRequiredService<BookingService>().AnnounceNewAsync(newBooking);
            await db.SaveChangesAsync();
            return newBooking;
        });
        var alert = (await _host.Telegram.WaitForAsync(all => all.Any(c => c.ChatId == StaffChat))).Single(c => c.ChatId == StaffChat);
        alert.ButtonData.Should().Equal($"staff:booking:confirm:{booking.Id}", $"staff:booking:decline:{booking.Id}");

        _host.Telegram.Push(GroupButton(_host.Telegram.NextUpdateId(), StaffChat, StaffTelegramId, $"staff:booking:decline:{booking.Id}", messageId: 44));

        await _host.Telegram.WaitForAsync(all => all.Any(c => c.ChatId == GuestChat && c.Text!.Contains("Бронь K7Q2") && c.Text.Contains("отменена: к сожалению, на это время нет свободных столов")));
        await using var read = _host.Database.CreateContext();
        var stored = await read.Bookings.SingleAsync();
        stored.Status.Should().Be(BookingStatus.Cancelled);
        stored.CancelReason.Should().Contain("нет свободных столов");
    }
}
