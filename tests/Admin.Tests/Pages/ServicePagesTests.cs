using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using HookahLounge.Core;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Notifications;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Staff;
using HookahLounge.Core.Visits;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HookahLounge.Admin.Tests.Pages;

/// <summary>
/// A Friday night at the host's stand and the bar, over HTTP as Staff (not a manager): the live order board,
/// the bookings timeline with its floor plan, walk-ins, moves and search, and the notifications list.
/// </summary>
public sealed class ServicePagesTests : IAsyncLifetime
{
    /// <summary>Friday 27 November 2026, 21:30 in Moscow: open until 04:00.</summary>
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 21, 30, 0, TimeSpan.FromHours(3)));
    private const string Today = "2026-11-27";
    private LoungeAppFactory _app = null!;
    private StaffBrowser _staff = null!;

    public async Task InitializeAsync()
    {
        _app = new LoungeAppFactory(
            await TestDatabase.CreateAsync(TestDatabase.Preferred),
            settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" },
            services: s => s.AddSingleton<TimeProvider>(_clock));
        await StaffBrowser.CreateAccountAsync(_app, "waiter", "waiter-password", StaffRole.Staff);
        _staff = new StaffBrowser(_app);
        (await _staff.LoginAsync("waiter", "waiter-password")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _app.Database.DisposeAsync();
    }

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<Customer> GuestAsync(string name, long telegramId, string? tags = null, string? notes = null) => WithAsync(async s =>
    {
        var db = s.GetRequiredService<LoungeDbContext>();
        var customer = new Customer
        {
            TelegramUserId = telegramId, TelegramChatId = telegramId, Name = name, CreatedAtUtc = _clock.GetUtcNow().UtcDateTime,
            Tags = CustomerTags.FromText(tags), Notes = notes,
        };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    });

    private Task<Order> PlaceAsync(PlaceOrder command) => WithAsync(async s =>
    {
        var result = await s.GetRequiredService<OrderService>().PlaceAsync(command);
        result.Error.Should().Be(OrderError.None);
        return result.Order!;
    });

    private Task<int> ItemAsync(string prefix) => WithAsync(s => s.GetRequiredService<LoungeDbContext>().MenuItems.Where(i => i.Name.StartsWith(prefix)).Select(i => i.Id).FirstAsync());

    private Task<LoungeTable> TableAsync(int number) => WithAsync(s => s.GetRequiredService<LoungeDbContext>().Tables.AsNoTracking().SingleAsync(t => t.Number == number));

    private Task<BookingResult> BookAsync(BookingRequest request) => WithAsync(s => s.GetRequiredService<BookingService>().CreateAsync(request));

    private static DateTime MoscowToUtc(int hour, int minute, int day = 27) => new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(3)).UtcDateTime;

    private static IElement Ticket(IDocument page, int orderId) => page.QuerySelector($"article.ticket[data-key='order-{orderId}']")
                                                                  ?? throw new InvalidOperationException($"No card for order {orderId}.");

    [Fact]
    public async Task The_board_shows_columns_by_status_with_pickup_time_table_booking_waiting_time_and_guest_remarks_without_a_meta_refresh()
    {
        var vera = await GuestAsync("Вера", 501, tags: "VIP, аллергия на мяту", notes: "любит угловой диван");
        var tea = await ItemAsync("Пуэр");
        var pickup = await PlaceAsync(new PlaceOrder(vera.Id, OrderType.Pickup, [new(tea, 1)], PickupAtUtc: MoscowToUtc(22, 15)));
        var booking = (await BookAsync(new BookingRequest(new DateOnly(2026, 11, 27), new TimeOnly(23, 0), 2, 120, BookingSource.Bot, "Вера", null, vera.Id))).Booking!;
        var toBooking = await PlaceAsync(new PlaceOrder(vera.Id, OrderType.ToBooking, [new(tea, 2)], BookingId: booking.Id));
        _clock.Advance(TimeSpan.FromMinutes(12));
        var atTable = await PlaceAsync(new PlaceOrder(vera.Id, OrderType.AtTable, [new(tea, 1)], TableNumber: 4));

        var board = await _staff.GetPageAsync("/admin/orders");

        board.QuerySelector("meta[http-equiv=refresh]").Should().BeNull("the board updates itself without reloading the page");
        board.QuerySelectorAll("section.column h2").Select(h => h.TextContent.Split(' ')[0]).Should().Equal("Новые", "Приняты", "Готовятся", "Готовы");
        board.QuerySelectorAll("section.column-new article.ticket").Should().HaveCount(3);
        Ticket(board, pickup.Id).QuerySelector(".where")!.TextContent.Should().Be("🛍 с собой к 22:15");
        Ticket(board, toBooking.Id).QuerySelector(".where")!.TextContent.Should().Contain($"к брони {booking.Code} на 23:00");
        Ticket(board, atTable.Id).QuerySelector(".where")!.TextContent.Should().Be("🪑 к столу 4");
        Ticket(board, pickup.Id).QuerySelector(".wait")!.TextContent.Should().Be("12 мин");
        Ticket(board, pickup.Id).ClassList.Should().Contain("late", "a new order waiting 10 minutes or more stands out");
        Ticket(board, atTable.Id).QuerySelector(".wait")!.TextContent.Should().Be("только что");
        Ticket(board, atTable.Id).QuerySelector(".remarks")!.TextContent.Should().Contain("vip").And.Contain("аллергия на мяту").And.Contain("любит угловой диван");
        board.QuerySelector("#board")!.GetAttribute("data-poll").Should().BeEquivalentTo("/admin/orders?handler=Board");
        board.QuerySelector("a#board-refresh")!.GetAttribute("href").Should().BeEquivalentTo("/admin/orders", "without script a plain link reloads the board");
        board.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).Should().ContainSingle(s => s.StartsWith("/_content/HookahLounge.Admin/js/board.", StringComparison.Ordinal));

        var partial = await _staff.Client.GetStringAsync("/admin/orders?handler=Board");
        partial.Should().NotContain("<html").And.Contain($"data-key=\"order-{pickup.Id}\"");

        var details = await _staff.GetPageAsync($"/admin/orders/details/{pickup.Id}");
        details.QuerySelector(".pickup-at")!.TextContent.Should().Contain("Самовывоз к 22:15");
        details.QuerySelector(".remarks")!.TextContent.Should().Contain("любит угловой диван");
    }

    [Fact]
    public async Task Actions_posted_in_the_background_answer_with_the_board_and_bad_ones_change_nothing_twice_in_a_row()
    {
        var guest = await GuestAsync("Олег", 502);
        var tea = await ItemAsync("Пуэр");
        for (var round = 1; round <= 2; round++)
        {
            var order = await PlaceAsync(new PlaceOrder(guest.Id, OrderType.AtTable, [new(tea, 1)], TableNumber: round + 2));
            var board = await _staff.GetPageAsync("/admin/orders");
            Ticket(board, order.Id).QuerySelectorAll("button").Select(b => b.TextContent).Should().Equal("Принять", "Отклонить");
            var token = board.AntiforgeryToken();

            var noToken = await _staff.Client.PostAsync("/admin/orders?handler=Move", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = $"{order.Id}", ["action"] = "Accept" }));
            noToken.StatusCode.Should().Be(HttpStatusCode.BadRequest, "every state-changing form carries antiforgery");

            var decline = await PostBoardAsync(token, new() { ["id"] = $"{order.Id}", ["action"] = "Decline", ["reason"] = "  " });
            Html.Parse(decline).QuerySelector("[data-flash]")!.TextContent.Should().Contain("укажите причину отказа").And.Contain("Ничего не изменено");

            var garbage = await PostBoardAsync(token, new() { ["id"] = $"{order.Id}", ["action"] = "Teleport" });
            Html.Parse(garbage).QuerySelector("[data-flash]")!.TextContent.Should().Contain("Ничего не изменено");

            var acceptedHtml = await PostBoardAsync(token, new() { ["id"] = $"{order.Id}", ["action"] = "Accept" });
            acceptedHtml.Should().NotContain("<html", "a background post gets the board, not a page");
            var accepted = Html.Parse(acceptedHtml);
            accepted.QuerySelector("[data-flash]")!.TextContent.Should().Be($"Заказ №{order.Id}: принят. Гость получит уведомление.");
            accepted.QuerySelector($"section.column-accepted article[data-key='order-{order.Id}']").Should().NotBeNull("the card moved to its column");

            var plain = await _staff.PostFormAsync("/admin/orders?handler=Move", board, new() { ["id"] = $"{order.Id}", ["action"] = "Prepare" });
            plain.StatusCode.Should().Be(HttpStatusCode.Redirect, "without script the form posts and comes back");
            var after = await _staff.GetPageAsync(plain.Headers.Location!.ToString());
            after.QuerySelector(".flash")!.TextContent.Should().Contain("готовится");
            after.QuerySelector($"section.column-preparing article[data-key='order-{order.Id}']").Should().NotBeNull();

            await using var db = _app.Database.CreateContext();
            (await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id)).Status.Should().Be(OrderStatus.Preparing);
            (await db.OrderStatusChanges.CountAsync(c => c.OrderId == order.Id)).Should().Be(2, "refused posts recorded nothing");
        }
    }

    private async Task<string> PostBoardAsync(string token, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/orders?handler=Move") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-Board", "1");
        var response = await _staff.Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_booking_in_the_past_is_refused_politely_and_nobody_is_texted()
    {
        foreach (var (date, time) in new[] { ("2026-11-20", "20:00"), (Today, "20:00"), ("2026-11-20", "20:00") })
        {
            var page = await _staff.GetPageAsync($"/admin/bookings/edit?date={date}");
            var response = await _staff.PostFormAsync("/admin/bookings/edit", page, new()
            {
                ["Input.Date"] = date, ["Input.Time"] = time, ["Input.Duration"] = "120", ["Input.Party"] = "2", ["Input.TableId"] = "",
                ["Input.Name"] = "Сергей", ["Input.Phone"] = "+7 916 555-44-33", ["Input.Comment"] = "", ["Input.Source"] = "Phone",
            });

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            (await response.ReadHtmlAsync()).QuerySelector(".errors")!.TextContent.Should().Contain("Это время уже прошло");
        }

        await using var db = _app.Database.CreateContext();
        (await db.Bookings.CountAsync()).Should().Be(0);
        (await db.Outbox.CountAsync()).Should().Be(0, "no SMS about a night that is over");

        var sameNight = await _staff.GetPageAsync($"/admin/bookings/edit?date={Today}");
        (await _staff.PostFormAsync("/admin/bookings/edit", sameNight, new()
        {
            ["Input.Date"] = Today, ["Input.Time"] = "01:30", ["Input.Duration"] = "120", ["Input.Party"] = "2", ["Input.TableId"] = "",
            ["Input.Name"] = "Сергей", ["Input.Phone"] = "+7 916 555-44-33", ["Input.Comment"] = "", ["Input.Source"] = "Phone",
        })).StatusCode.Should().Be(HttpStatusCode.Redirect, "01:30 after midnight belongs to tonight and is still ahead");
    }

    [Fact]
    public async Task The_timeline_shows_guests_with_remarks_and_now_and_a_free_slot_opens_a_prefilled_form()
    {
        var vera = await GuestAsync("Вера", 503, tags: "VIP", notes: "аллергия на мяту");
        await BookAsync(new BookingRequest(new DateOnly(2026, 11, 27), new TimeOnly(23, 0), 3, 120, BookingSource.Bot, "Вера", null, vera.Id));

        var page = await _staff.GetPageAsync("/admin/bookings");

        var block = page.QuerySelector("table.timeline td.busy .booking-block")!;
        block.TextContent.Should().Contain("Вера").And.Contain("3 гост.").And.Contain("23:00").And.Contain("vip").And.Contain("аллергия на мяту");
        block.ParentElement!.ClassList.Should().Contain("status-new");
        block.GetAttribute("draggable").Should().Be("true");
        page.QuerySelector("table.timeline th.now")!.GetAttribute("title").Should().Be("21:30", "the now mark sits on the current slot");
        page.QuerySelector("table.timeline")!.GetAttribute("data-now").Should().Be("15", "14:00 + 15 half-hours = 21:30");
        page.QuerySelectorAll("table.timeline td.slot.past a").Should().BeEmpty("slots already over cannot be booked");

        var table = await TableAsync(2);
        var link = page.QuerySelector($"table.timeline td.slot[data-table='{table.Id}'][data-time='22:00'] a.book")!;
        link.GetAttribute("aria-label").Should().Be("Забронировать стол 2 на 22:00");
        var form = await _staff.GetPageAsync(link.GetAttribute("href")!);
        form.QuerySelector("input[name='Input.Date']")!.GetAttribute("value").Should().Be(Today);
        form.QuerySelector("input[name='Input.Time']")!.GetAttribute("value").Should().Be("22:00");
        form.QuerySelector("select[name='Input.TableId'] option[selected]")!.GetAttribute("value").Should().Be(table.Id.ToString(CultureInfo.InvariantCulture));

        _clock.Advance(TimeSpan.FromHours(4)); // Saturday 01:30: still Friday's night
        var afterMidnight = await _staff.GetPageAsync("/admin/bookings");
        afterMidnight.QuerySelector("p.muted")!.TextContent.Should().Contain("27 ноября").And.Contain("(сегодня)");
        afterMidnight.QuerySelector("table.timeline th.now")!.GetAttribute("title").Should().Be("01:30");
        afterMidnight.QuerySelector("table.timeline")!.GetAttribute("data-now").Should().Be("23");
        afterMidnight.QuerySelector("a[href$='/tables/qr' i]").Should().NotBeNull("staff reach the table QR codes from their page");
    }

    [Fact]
    public async Task Bookings_move_by_picking_a_time_and_table_under_the_rules_and_bad_moves_change_nothing()
    {
        var t2 = await TableAsync(2);
        var t3 = await TableAsync(3);
        var a = (await BookAsync(new BookingRequest(new DateOnly(2026, 11, 27), new TimeOnly(22, 0), 2, 120, BookingSource.Phone, "Анна", "+79160000001", TableId: t2.Id))).Booking!;
        var b = (await BookAsync(new BookingRequest(new DateOnly(2026, 11, 27), new TimeOnly(23, 0), 2, 120, BookingSource.Phone, "Борис", "+79160000002", TableId: t3.Id))).Booking!;

        var page = await _staff.GetPageAsync("/admin/bookings");
        page.QuerySelector($"form[data-move='{a.Id}'] select[name=tableId] option[selected]")!.GetAttribute("value").Should().Be($"{t2.Id}");

        await _staff.PostFormAsync($"/admin/bookings?handler=Move&date={Today}", page, new() { ["id"] = $"{a.Id}", ["time"] = "23:30", ["tableId"] = $"{t3.Id}" });
        (await _staff.GetPageAsync("/admin/bookings")).QuerySelector(".flash")!.TextContent.Should().Contain("уже занят").And.Contain("Ничего не изменено");

        await _staff.PostFormAsync($"/admin/bookings?handler=Move&date={Today}", page, new() { ["id"] = $"{a.Id}", ["time"] = "25:99", ["tableId"] = $"{t3.Id}" });
        (await _staff.GetPageAsync("/admin/bookings")).QuerySelector(".flash")!.TextContent.Should().Contain("ЧЧ:ММ");

        await _staff.PostFormAsync($"/admin/bookings?handler=Move&date={Today}", page, new() { ["id"] = $"{a.Id}", ["time"] = "20:00", ["tableId"] = $"{t2.Id}" });
        (await _staff.GetPageAsync("/admin/bookings")).QuerySelector(".flash")!.TextContent.Should().Contain("уже прошло");

        (await _staff.Client.PostAsync($"/admin/bookings?handler=Move", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = $"{a.Id}", ["time"] = "01:00" })))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);

        await using var db = _app.Database.CreateContext();
        var unchanged = await db.Bookings.AsNoTracking().SingleAsync(x => x.Id == a.Id);
        (unchanged.StartUtc, unchanged.TableId).Should().Be((a.StartUtc, t2.Id));

        foreach (var (time, table) in new[] { ("01:00", t3), ("00:30", t2) })
        {
            page = await _staff.GetPageAsync("/admin/bookings");
            await _staff.PostFormAsync($"/admin/bookings?handler=Move&date={Today}", page, new() { ["id"] = $"{a.Id}", ["time"] = time, ["tableId"] = $"{table.Id}" });
            (await _staff.GetPageAsync("/admin/bookings")).QuerySelector(".flash")!.TextContent.Should().Be($"Бронь {a.Code} перенесена: {time}, стол {table.Number}. Гость получит уведомление.");
            var moved = await db.Bookings.AsNoTracking().SingleAsync(x => x.Id == a.Id);
            (moved.StartUtc, moved.TableId).Should().Be((MoscowToUtc(int.Parse(time[..2], CultureInfo.InvariantCulture), int.Parse(time[3..], CultureInfo.InvariantCulture), 28), table.Id));
            (moved.EndUtc - moved.StartUtc).Should().Be(TimeSpan.FromHours(2), "a move keeps the booking's length");
        }
    }

    [Fact]
    public async Task Search_finds_bookings_by_name_phone_digits_and_code()
    {
        var a = (await BookAsync(new BookingRequest(new DateOnly(2026, 11, 28), new TimeOnly(20, 0), 2, 120, BookingSource.Phone, "Светлана Орлова", "+7 916 123-45-67"))).Booking!;
        await BookAsync(new BookingRequest(new DateOnly(2026, 11, 27), new TimeOnly(22, 0), 2, 120, BookingSource.Phone, "Пётр", "+7 903 000-00-00"));

        foreach (var query in new[] { "орлова", "Светлана", "4567", "+7 (916) 123-45-67", a.Code.ToLowerInvariant() })
        {
            var page = await _staff.GetPageAsync($"/admin/bookings?q={Uri.EscapeDataString(query)}");
            var rows = page.QuerySelectorAll("table.found tbody tr");
            rows.Should().ContainSingle(query);
            rows[0].TextContent.Should().Contain(a.Code).And.Contain("Светлана Орлова");
            rows[0].QuerySelector("a")!.GetAttribute("href").Should().BeEquivalentTo("/admin/bookings?date=2026-11-28");
        }

        (await _staff.GetPageAsync("/admin/bookings?q=Никого")).QuerySelector(".search-results")!.TextContent.Should().Contain("Ничего не нашлось");
    }

    [Fact]
    public async Task Walk_ins_are_seated_in_one_tap_and_the_floor_plan_shows_each_tables_state()
    {
        var t5 = await TableAsync(5);
        var t6 = await TableAsync(6);
        var t7 = await TableAsync(7);
        await BookAsync(new BookingRequest(new DateOnly(2026, 11, 27), new TimeOnly(22, 0), t7.SeatsMin, 120, BookingSource.Phone, "Ирина", "+79160000007", TableId: t7.Id));
        var caller = await GuestAsync("Глеб", 504);
        await WithAsync(async s =>
        {
            await s.GetRequiredService<VisitService>().OpenAtTableAsync(caller.Id, 8);
            return await s.GetRequiredService<VisitService>().CallAsync(caller.Id, ServiceCallKind.ChangeCoals);
        });

        var page = await _staff.GetPageAsync("/admin/bookings");
        string State(IDocument p, int number) => p.QuerySelector($".floor .table-card[data-table='{number}'] .state")!.TextContent;
        State(page, 5).Should().Be("свободен");
        State(page, 7).Should().Be("скоро бронь");
        State(page, 8).Should().Be("зовут!");
        page.QuerySelector(".floor .table-card[data-table='7']")!.TextContent.Should().Contain("22:00 — Ирина");

        foreach (var table in new[] { t5, t6 })
        {
            var before = await _staff.GetPageAsync("/admin/bookings");
            var response = await _staff.PostFormAsync("/admin/bookings?handler=WalkIn", before, new() { ["tableId"] = $"{table.Id}", ["party"] = $"{table.SeatsMin}" });
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            var after = await _staff.GetPageAsync("/admin/bookings");
            after.QuerySelector(".flash")!.TextContent.Should().StartWith($"Стол {table.Number}: гости посажены до 23:30");
            State(after, table.Number).Should().Be("гости за столом");
            after.QuerySelector(".floor .table-card[data-table='" + table.Number + "']")!.TextContent.Should().Contain(BookingService.WalkInName);

            await _staff.PostFormAsync("/admin/bookings?handler=WalkIn", after, new() { ["tableId"] = $"{table.Id}", ["party"] = $"{table.SeatsMin}" });
            (await _staff.GetPageAsync("/admin/bookings")).QuerySelector(".flash")!.TextContent.Should().Be($"Стол {table.Number} сейчас занят. Ничего не изменено.");
        }

        _clock.Advance(TimeSpan.FromMinutes(10));
        var soon = await _staff.GetPageAsync("/admin/bookings");
        await _staff.PostFormAsync("/admin/bookings?handler=WalkIn", soon, new() { ["tableId"] = $"{t7.Id}", ["party"] = $"{t7.SeatsMin}" });
        (await _staff.GetPageAsync("/admin/bookings")).QuerySelector(".flash")!.TextContent.Should().Contain("нужен уже в 22:00");
        await _staff.PostFormAsync("/admin/bookings?handler=WalkIn", soon, new() { ["tableId"] = "999999", ["party"] = "2" });
        (await _staff.GetPageAsync("/admin/bookings")).QuerySelector(".flash")!.TextContent.Should().Contain("Ничего не изменено");

        await using var db = _app.Database.CreateContext();
        var walkIns = await db.Bookings.AsNoTracking().Where(b => b.GuestName == BookingService.WalkInName).ToListAsync();
        walkIns.Should().HaveCount(2).And.OnlyContain(b => b.Status == BookingStatus.Seated && b.Source == BookingSource.Admin);
        walkIns.Select(b => b.TableId).Should().BeEquivalentTo([t5.Id, t6.Id]);
        (await db.Outbox.CountAsync(m => m.Key.StartsWith("booking:" + walkIns[0].Id))).Should().Be(0, "nobody to text about a walk-in");
    }

    [Fact]
    public async Task Long_comments_wrap_and_notifications_show_telegram_html_as_plain_text()
    {
        var comment = new string('Ж', 1000);
        await BookAsync(new BookingRequest(new DateOnly(2026, 11, 27), new TimeOnly(23, 0), 2, 120, BookingSource.Phone, "Длинный", "+79160000009", Comment: comment));
        await StaffBrowser.CreateAccountAsync(_app, "manager", "manager-password", StaffRole.Manager);
        var manager = new StaffBrowser(_app);
        await manager.LoginAsync("manager", "manager-password");

        var bookings = await manager.GetPageAsync("/admin/bookings");
        bookings.QuerySelector("table.bookings .comment")!.TextContent.Should().Contain(comment);
        bookings.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")).Should().Contain(h => h!.StartsWith("/_content/HookahLounge.Admin/css/service.", StringComparison.Ordinal));

        var notifications = await manager.GetPageAsync("/admin/notifications");
        var staffCard = notifications.QuerySelectorAll("td.text").Select(td => td.TextContent).Single(t => t.Contains("Новая бронь", StringComparison.Ordinal));
        staffCard.Should().NotContain("<b>").And.NotContain("</b>").And.Contain(comment);
        notifications.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")).Should().Contain(h => h!.StartsWith("/_content/HookahLounge.Admin/css/service.", StringComparison.Ordinal));

        await WithAsync(async s =>
        {
            var db = s.GetRequiredService<LoungeDbContext>();
            db.Outbox.Add(new OutboxMessage
            {
                Key = "manual:html", Channel = NotificationChannel.Telegram, ChatId = 1, Text = "<b>Заказ №7</b> · Пуэр &#215; 2 &amp; чай",
                Status = OutboxStatus.Failed, CreatedAtUtc = _clock.GetUtcNow().UtcDateTime, NextAttemptAtUtc = _clock.GetUtcNow().UtcDateTime,
            });
            return await db.SaveChangesAsync();
        });
        (await manager.GetPageAsync("/admin/notifications")).QuerySelectorAll("td.text").Select(td => td.TextContent).Should().Contain("Заказ №7 · Пуэр × 2 & чай");
    }
}
