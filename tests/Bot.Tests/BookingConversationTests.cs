using Microsoft.Extensions.DependencyInjection;
using HookahLounge.Core.Data;
using HookahLounge.Bot.Conversations.Booking;
using HookahLounge.Bot.Conversations.Home;
using HookahLounge.Core.Bookings;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Bot.Tests;

/// <summary>Booking a table in Telegram through the real client against the fake Bot API.</summary>
public sealed class BookingConversationTests : IAsyncLifetime
{
    private const long Chat = 9401;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        await _host.PassAgeGateAsync(Chat);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<BotApiCall> PressAsync(string data, int expectedCalls = 1) => _host.PressAsync(Chat, data, expectedCalls);

    [Fact]
    public async Task A_guest_books_a_table_step_by_step_sharing_the_phone_once()
    {
        var calendar = await PressAsync("home:book");
        calendar.Text.Should().Contain("Выберите дату");
        calendar.ButtonData.Count(d => d.StartsWith("bk:date:", StringComparison.Ordinal)).Should().Be(14);
        (await _host.SessionAsync(Chat))!.Conversation.Should().Be(BookingConversation.ConversationName);

        var day = TestDates.NextWednesdayText();
        var party = await PressAsync($"bk:date:{day}");
        party.Text.Should().Contain("Сколько будет гостей");
        party.ButtonData.Should().Contain(["bk:party:1", "bk:party:10", "bk:back", "bk:quit"]);

        var times = await PressAsync("bk:party:4");
        times.ButtonData.Should().Contain(["bk:time:14:00", "bk:time:20:00", "bk:dur:120"]).And.NotContain("bk:time:13:30");
        times.ButtonTexts.Should().Contain("• 2 ч");

        var longer = await PressAsync("bk:dur:180");
        longer.ButtonTexts.Should().Contain("• 3 ч");
        longer.ButtonData.Should().NotContain("bk:time:23:30", "a 3-hour visit must end by the 02:00 closing");

        var places = await PressAsync("bk:time:20:00");
        places.ButtonTexts.Should().Contain(["Любой стол", "Основной зал"]);

        var askPhone = await PressAsync("bk:zone:0");
        askPhone.Method.Should().Be("sendmessage");
        askPhone.Body["reply_markup"]!["keyboard"]![0]![0]!["request_contact"]!.GetValue<bool>().Should().BeTrue();

        var afterContact = await _host.SendAsync(Chat, Updates.Contact(_host.Telegram.NextUpdateId(), Chat, "79161234567"), expectedCalls: 2);
        afterContact[0].Body["reply_markup"]!["remove_keyboard"]!.GetValue<bool>().Should().BeTrue();
        afterContact[1].Text.Should().Contain("Проверьте бронь").And.Contain("Гостей: 4").And.Contain("20:00–23:00").And.Contain("+79161234567");

        var card = await PressAsync("bk:ok");
        card.Text.Should().MatchRegex("Бронь [A-Z0-9]{6}").And.Contain("Держим стол до 20:20").And.Contain("ожидает подтверждения");
        card.ButtonData.Should().Contain(["home:mine", "home:main"]);

        await using var db = _host.Database.CreateContext();
        var booking = await db.Bookings.Include(b => b.Customer).SingleAsync();
        booking.Source.Should().Be(BookingSource.Bot);
        booking.PartySize.Should().Be(4);
        (booking.EndUtc - booking.StartUtc).Should().Be(TimeSpan.FromHours(3));
        booking.GuestPhone.Should().Be("+79161234567");
        booking.Customer!.Phone.Should().Be("+79161234567", "the phone is asked once and kept");
        (await _host.SessionAsync(Chat))!.Conversation.Should().Be(HomeConversation.ConversationName);

        // The second booking skips the phone step.
        await PressAsync("home:book");
        await PressAsync($"bk:date:{day}");
        await PressAsync("bk:party:2");
        await PressAsync("bk:time:18:00");
        var summary = await PressAsync("bk:zone:0");
        summary.Text.Should().Contain("Проверьте бронь");
    }

    [Fact]
    public async Task Back_returns_one_step_and_bad_phone_text_is_explained()
    {
        await PressAsync("home:book");
        await PressAsync($"bk:date:{TestDates.NextWednesdayText()}");
        await PressAsync("bk:party:2");

        var back = await PressAsync("bk:back");
        back.Text.Should().Contain("Сколько будет гостей");

        await PressAsync("bk:party:2");
        await PressAsync("bk:time:19:00");
        await PressAsync("bk:zone:0");
        var bad = await _host.SendAsync(Chat, Updates.Text(_host.Telegram.NextUpdateId(), Chat, "мой номер секрет"));
        bad.Single().Text.Should().Contain("Не получилось разобрать номер");
        (await _host.SessionAsync(Chat))!.State.Should().Be(nameof(BookingDialog.State.Phone));

        var typed = await _host.SendAsync(Chat, Updates.Text(_host.Telegram.NextUpdateId(), Chat, "8 916 765-43-21"), expectedCalls: 2);
        typed[1].Text.Should().Contain("+79167654321");
    }

    [Fact]
    public async Task Quitting_the_dialog_saves_nothing_and_returns_to_the_main_menu()
    {
        await PressAsync("home:book");
        await PressAsync($"bk:date:{TestDates.NextWednesdayText()}");

        var calls = await _host.SendAsync(Chat, Updates.Button(_host.Telegram.NextUpdateId(), Chat, "bk:quit", messageId: 2), expectedCalls: 2);

        calls[0].Text.Should().Contain("ничего не сохранено");
        calls[1].Text.Should().Contain("Чем можем помочь");
        (await _host.SessionAsync(Chat))!.Conversation.Should().Be(HomeConversation.ConversationName);
        await using var db = _host.Database.CreateContext();
        (await db.Bookings.CountAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData("bk:date:2020-01-01")]
    [InlineData("bk:date:not-a-date")]
    [InlineData("bk:party:99")]
    [InlineData("bk:time:25:00")]
    public async Task Forged_or_stale_booking_buttons_change_nothing(string data)
    {
        await PressAsync("home:book");
        await PressAsync($"bk:date:{TestDates.NextWednesdayText()}");
        await PressAsync("bk:party:2");
        var before = await _host.SessionAsync(Chat);

        await PressAsync(data);

        var after = await _host.SessionAsync(Chat);
        after!.DraftJson.Should().Be(before!.DraftJson);
        await using var db = _host.Database.CreateContext();
        (await db.Bookings.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task My_bookings_lists_upcoming_ones_and_the_guest_can_cancel_after_confirming()
    {
        await PressAsync("home:book");
        await PressAsync($"bk:date:{TestDates.NextWednesdayText()}");
        await PressAsync("bk:party:2");
        await PressAsync("bk:time:21:00");
        await PressAsync("bk:zone:0");
        await _host.SendAsync(Chat, Updates.Contact(_host.Telegram.NextUpdateId(), Chat, "+79161112233"), expectedCalls: 2);
        await PressAsync("bk:ok");
        await using var db = _host.Database.CreateContext();
        var booking = await db.Bookings.SingleAsync();

        var mine = await PressAsync("home:mine");
        mine.Text.Should().Contain("Ваши брони");
        mine.ButtonData.Should().Contain($"bkm:cancel:{booking.Id}");

        var ask = await PressAsync($"bkm:cancel:{booking.Id}");
        ask.Text.Should().Contain($"Отменить бронь {booking.Code}");
        (await db.Bookings.AsNoTracking().SingleAsync()).Status.Should().Be(BookingStatus.New, "nothing happens before the guest confirms");

        var done = await PressAsync($"bkm:cancelok:{booking.Id}");
        done.Text.Should().Contain($"Бронь {booking.Code} отменена");
        (await db.Bookings.AsNoTracking().SingleAsync()).Status.Should().Be(BookingStatus.Cancelled);
    }

    [Fact]
    public async Task Someone_elses_booking_cannot_be_touched_from_the_bot()
    {
        await using var db = _host.Database.CreateContext();
        var start = DateTime.UtcNow.Date.AddDays(3).AddHours(17);
        var other = new Booking { Code = "ZZZ999", GuestName = "Другой", GuestPhone = "+79990000000", PartySize = 2, StartUtc = start, EndUtc = start.AddHours(2), CreatedAtUtc = DateTime.UtcNow, AccessToken = "x" };
        db.Bookings.Add(other);
        await db.SaveChangesAsync();

        var updateId = _host.Telegram.NextUpdateId();
        _host.Telegram.Push(Updates.Button(updateId, Chat, $"bkm:cancelok:{other.Id}", messageId: 2));

        var calls = await _host.Telegram.WaitForAsync(all => all.Any(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{updateId}"));
        calls.Last(c => c.Method == "answercallbackquery").Body["text"]!.GetValue<string>().Should().Contain("нельзя изменить");
        (await db.Bookings.AsNoTracking().SingleAsync()).Status.Should().Be(BookingStatus.New);
    }

    [Fact]
    public async Task Reminder_buttons_record_attendance_and_move_the_booking_keeping_the_party()
    {
        var day = TestDates.NextWednesdayText();
        await using var db = _host.Database.CreateContext();
        var customer = await db.Customers.SingleAsync(c => c.TelegramUserId == Chat);
        var start = TimeZoneInfo.ConvertTimeToUtc(
            DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(19, 0)),
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow"));
        var booking = new Booking
        {
            Code = "MOVE42", GuestName = "Гость", GuestPhone = "+79160000001", CustomerId = customer.Id, PartySize = 5,
            StartUtc = start, EndUtc = start.AddHours(2), CreatedAtUtc = DateTime.UtcNow, AccessToken = "t", Status = BookingStatus.Confirmed,
        };
        db.Bookings.Add(booking);
        await db.SaveChangesAsync();

        var thanks = await PressAsync($"bkr:yes:{booking.Id}");
        thanks.Text.Should().Contain("Ждём вас в 19:00");
        (await db.Bookings.AsNoTracking().SingleAsync()).AttendanceConfirmedAtUtc.Should().NotBeNull();

        var calendar = await PressAsync($"bkr:move:{booking.Id}");
        calendar.Text.Should().Contain("MOVE42");
        var times = await PressAsync($"bk:date:{day}");
        times.Text.Should().Contain("гостей: 5", "the party size is kept when moving");
        var summary = await PressAsync("bk:time:22:00");
        summary.Text.Should().Contain("Перенести бронь MOVE42");
        var card = await PressAsync("bk:ok");
        card.Text.Should().Contain("MOVE42").And.Contain("22:00");

        var moved = await db.Bookings.AsNoTracking().SingleAsync();
        moved.StartUtc.Should().Be(start.AddHours(3));
        moved.PartySize.Should().Be(5);
        (await db.Outbox.AnyAsync(m => m.Text.Contains("Гость перенёс бронь MOVE42"))).Should().BeTrue("staff hear about a guest's move");
    }
}

/// <summary>Booking journeys that go wrong the way guests make them go wrong: clashes, typing, leaving, running late.</summary>
public sealed class BookingJourneyTests : IAsyncLifetime
{
    private const long Chat = 9402;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        await _host.PassAgeGateAsync(Chat);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<BotApiCall> PressAsync(string data, int expectedCalls = 1) => _host.PressAsync(Chat, data, expectedCalls);

    private Task<IReadOnlyList<BotApiCall>> SayAsync(string text, int expectedCalls = 1) => _host.SayAsync(Chat, text, expectedCalls);

    private Task<string> ToastOfAsync(string data) => _host.ToastOfAsync(Chat, data);

    private async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _host.App!.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    [Fact]
    public async Task A_clash_offers_the_nearest_free_times_and_pressing_one_books_it_then_the_guest_books_again()
    {
        var day = TestDates.NextWednesday();
        await PressAsync("home:book");
        await PressAsync($"bk:date:{TestDates.NextWednesdayText()}");
        await PressAsync("bk:party:2");
        await PressAsync("bk:time:20:00");
        await PressAsync("bk:zone:0");
        var summary = (await _host.SendAsync(Chat, Updates.Contact(_host.Telegram.NextUpdateId(), Chat, "79161234567"), expectedCalls: 2))[1];
        summary.Text.Should().Contain("Проверьте бронь").And.Contain("20:00");

        // Meanwhile the phone rings: staff give away every table that fits two at 20:00.
        var taken = await WithServicesAsync(async services =>
        {
            var bookings = services.GetRequiredService<BookingService>();
            var count = 0;
            while ((await bookings.CreateAsync(new BookingRequest(day, new TimeOnly(20, 0), 2, 120, BookingSource.Admin, $"Звонок {count}", "+79990000000", null))).Succeeded)
            {
                count++;
            }

            return count;
        });
        taken.Should().BeGreaterThan(0);

        var clash = await PressAsync("bk:ok");
        clash.Text.Should().Contain("только что заняли");
        var alternatives = clash.ButtonData.Where(d => d.StartsWith("bk:time:", StringComparison.Ordinal)).ToList();
        alternatives.Should().NotBeEmpty().And.NotContain("bk:time:20:00");

        var again = await PressAsync(alternatives[0]);
        again.Text.Should().Contain("Проверьте бронь").And.Contain(alternatives[0]["bk:time:".Length..]);
        var card = await PressAsync("bk:ok");
        card.Text.Should().MatchRegex("Бронь [A-Z0-9]{6}").And.Contain(alternatives[0]["bk:time:".Length..]);

        // The same guest books once more, straight through.
        await PressAsync("home:book");
        await PressAsync($"bk:date:{TestDates.NextWednesdayText()}");
        await PressAsync("bk:party:3");
        await PressAsync("bk:time:15:00");
        (await PressAsync("bk:zone:0")).Text.Should().Contain("Проверьте бронь", "the phone is known now");
        (await PressAsync("bk:ok")).Text.Should().MatchRegex("Бронь [A-Z0-9]{6}");

        await using var db = _host.Database.CreateContext();
        var mine = await db.Bookings.Where(b => b.Customer!.TelegramUserId == Chat).OrderBy(b => b.Id).ToListAsync();
        mine.Should().HaveCount(2);
        mine[0].PartySize.Should().Be(2);
        mine[1].PartySize.Should().Be(3);
    }

    [Fact]
    public async Task Typed_party_sizes_work_and_leaving_at_the_phone_step_removes_its_keyboard()
    {
        await PressAsync("home:book");
        await PressAsync($"bk:date:{TestDates.NextWednesdayText()}");
        var tooMany = (await SayAsync("12")).Single();
        tooMany.Text.Should().Contain("Больше 10").And.Contain("Позвоните");
        (await _host.SessionAsync(Chat))!.State.Should().Be(nameof(BookingDialog.State.Party));
        var words = (await SayAsync("нас четверо")).Single();
        words.Text.Should().Contain("не понял").And.Contain("Сколько будет гостей");
        words.ButtonData.Should().Contain("bk:party:4", "the step is shown again with its buttons");

        var times = (await SayAsync("4")).Single();
        times.Text.Should().Contain("гостей: 4");
        await PressAsync("bk:time:20:00");
        var phone = await PressAsync("bk:zone:0");
        phone.Body["reply_markup"]!["keyboard"].Should().NotBeNull();

        var left = await SayAsync("/menu", expectedCalls: 2);
        left[0].Body["reply_markup"]!["remove_keyboard"]!.GetValue<bool>().Should().BeTrue("the phone keyboard goes when the guest leaves the step");
        left[1].Text.Should().Contain("выберите раздел");
        (await _host.SessionAsync(Chat))!.Conversation.Should().Be(Conversations.Ordering.OrderConversation.ConversationName);
    }

    [Fact]
    public async Task Running_late_asks_by_how_much_holds_the_table_longer_and_a_second_notice_changes_nothing()
    {
        var booking = await WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<LoungeDbContext>();
            var customer = await db.Customers.SingleAsync(c => c.TelegramUserId == Chat);
            var start = DateTime.UtcNow.AddMinutes(10);
            var soon = new Booking
            {
                Code = "LATE01", GuestName = "Гость", GuestPhone = "+79160000002", CustomerId = customer.Id, PartySize = 2,
                StartUtc = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Utc), EndUtc = start.AddHours(2),
                CreatedAtUtc = DateTime.UtcNow, AccessToken = "t", Status = BookingStatus.Confirmed,
            };
            db.Bookings.Add(soon);
            await db.SaveChangesAsync();
            return soon;
        });
        var heldUntil = TimeZoneInfo.ConvertTimeFromUtc(booking.StartUtc.AddMinutes(30), TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

        var mine = await PressAsync("home:mine");
        mine.ButtonData.Should().Contain($"bkm:late:{booking.Id}");
        var ask = await PressAsync($"bkm:late:{booking.Id}");
        ask.Text.Should().Contain("Насколько опаздываете");
        ask.ButtonData.Should().Contain(["bkm:lateby:10", "bkm:lateby:20", "bkm:lateby:30"]);
        var held = await PressAsync("bkm:lateby:30");
        held.Text.Should().Contain($"Держим стол до {heldUntil}");

        (await ToastOfAsync($"bkm:late:{booking.Id}")).Should().Contain($"Вы уже предупредили — держим стол до {heldUntil}");

        await using var read = _host.Database.CreateContext();
        (await read.Bookings.SingleAsync()).LateMinutes.Should().Be(30);
        (await read.Outbox.CountAsync(m => m.Text.Contains("Гость опаздывает на 30 мин"))).Should().Be(1, "staff hear it once");
        (await read.Outbox.AnyAsync(m => m.ThreadKey == $"booking:{booking.Id}:staff" && m.Text.Contains("держим до"))).Should().BeTrue("the booking's staff post shows it too");

        await PressAsync("home:mine");
        await PressAsync($"bkm:cancel:{booking.Id}");
        await PressAsync($"bkm:cancelok:{booking.Id}");
        (await read.Outbox.AnyAsync(m => m.Text.Contains("Гость отменил бронь LATE01"))).Should().BeTrue("staff hear about a guest's cancellation");
    }
}
