using System.Globalization;
using System.Net;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Notifications;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Admin.Tests.Pages;

/// <summary>The staff side of bookings: phone bookings, the day timeline, status actions, floor plan, hours and settings.</summary>
public sealed class BookingPagesTests : IAsyncLifetime
{
    private LoungeAppFactory _app = null!;
    private StaffBrowser _manager = null!;

    private static readonly string Day = TestDates.NextWednesdayText();

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

    private async Task<HttpResponseMessage> CreatePhoneBookingAsync(string time, int party, string phone = "+7 916 555-44-33", string? table = null)
    {
        var page = await _manager.GetPageAsync($"/admin/bookings/edit?date={Day}");
        return await _manager.PostFormAsync("/admin/bookings/edit", page, new()
        {
            ["Input.Date"] = Day,
            ["Input.Time"] = time,
            ["Input.Duration"] = "120",
            ["Input.Party"] = party.ToString(CultureInfo.InvariantCulture),
            ["Input.TableId"] = table ?? "",
            ["Input.Name"] = "Сергей",
            ["Input.Phone"] = phone,
            ["Input.Comment"] = "Звонил днём",
            ["Input.Source"] = "Phone",
        });
    }

    [Fact]
    public async Task A_phone_booking_appears_on_the_timeline_and_a_clash_is_explained()
    {
        var created = await CreatePhoneBookingAsync("20:00", party: 9);
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var day = await _manager.GetPageAsync($"/admin/bookings?date={Day}");
        var busy = day.QuerySelectorAll("table.timeline td.busy").Single();
        busy.GetAttribute("colspan").Should().Be("4", "two hours of 30-minute slots");
        busy.ParentElement!.QuerySelector("th")!.TextContent.Should().StartWith("№8");
        day.QuerySelector("table.bookings")!.TextContent.Should().Contain("Сергей").And.Contain("+79165554433").And.Contain("телефон");

        var clash = await CreatePhoneBookingAsync("21:00", party: 9);
        clash.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await clash.ReadHtmlAsync();
        page.QuerySelector(".errors")!.TextContent.Should().Contain("уже занят");
        page.QuerySelector(".stack")!.TextContent.Should().Contain("Свободно рядом").And.Contain("22:00");
        await using var db = _app.Database.CreateContext();
        (await db.Bookings.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Status_actions_follow_the_rules_and_notify_the_guest()
    {
        await CreatePhoneBookingAsync("19:00", party: 2);
        await using var db = _app.Database.CreateContext();
        var booking = await db.Bookings.SingleAsync();
        var page = await _manager.GetPageAsync($"/admin/bookings?date={Day}");
        page.QuerySelectorAll("table.bookings form:not(.move-form) button").Select(b => b.TextContent).Should().Equal("Подтвердить", "Отменить");

        await _manager.PostFormAsync($"/admin/bookings?handler=Status&date={Day}", page, new() { ["id"] = booking.Id.ToString(CultureInfo.InvariantCulture), ["action"] = "Confirm" });

        (await db.Bookings.AsNoTracking().SingleAsync()).Status.Should().Be(BookingStatus.Confirmed);
        (await db.Outbox.SingleAsync(m => m.Key == $"booking:{booking.Id}:Confirmed")).Channel.Should().Be(NotificationChannel.Sms);

        page = await _manager.GetPageAsync($"/admin/bookings?date={Day}");
        await _manager.PostFormAsync($"/admin/bookings?handler=Status&date={Day}", page, new() { ["id"] = booking.Id.ToString(CultureInfo.InvariantCulture), ["action"] = "Cancel", ["reason"] = "" });
        (await _manager.GetPageAsync($"/admin/bookings?date={Day}")).QuerySelector(".flash")!.TextContent.Should().Contain("Укажите причину");
        (await db.Bookings.AsNoTracking().SingleAsync()).Status.Should().Be(BookingStatus.Confirmed);

        page = await _manager.GetPageAsync($"/admin/bookings?date={Day}");
        await _manager.PostFormAsync($"/admin/bookings?handler=Status&date={Day}", page, new() { ["id"] = booking.Id.ToString(CultureInfo.InvariantCulture), ["action"] = "Complete" });
        (await _manager.GetPageAsync($"/admin/bookings?date={Day}")).QuerySelector(".flash")!.TextContent.Should().Contain("так нельзя");
    }

    [Fact]
    public async Task Moving_a_booking_from_the_edit_page_keeps_the_rules()
    {
        await CreatePhoneBookingAsync("18:00", party: 2);
        await using var db = _app.Database.CreateContext();
        var booking = await db.Bookings.SingleAsync();
        var edit = await _manager.GetPageAsync($"/admin/bookings/edit/{booking.Id}");
        edit.QuerySelector("input[name='Input.Time']")!.GetAttribute("value").Should().Be("18:00");

        var response = await _manager.PostFormAsync($"/admin/bookings/edit/{booking.Id}", edit, new()
        {
            ["Input.Date"] = Day, ["Input.Time"] = "21:30", ["Input.Duration"] = "90", ["Input.Party"] = "3",
            ["Input.TableId"] = "", ["Input.Name"] = "Сергей П.", ["Input.Phone"] = "+79165554433", ["Input.Comment"] = "",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var moved = await db.Bookings.AsNoTracking().SingleAsync();
        (moved.EndUtc - moved.StartUtc).Should().Be(TimeSpan.FromMinutes(90));
        moved.PartySize.Should().Be(3);
        moved.GuestName.Should().Be("Сергей П.");
        (await db.Outbox.AnyAsync(m => m.Key.StartsWith($"booking:{booking.Id}:moved"))).Should().BeTrue();
    }

    [Fact]
    public async Task The_floor_plan_editor_adds_tables_and_refuses_bad_ones()
    {
        var page = await _manager.GetPageAsync("/admin/tables");
        var zoneId = page.QuerySelector("form input[name=zoneId]")!.GetAttribute("value")!;

        await _manager.PostFormAsync("/admin/tables?handler=Table", page, new() { ["zoneId"] = zoneId, ["number"] = "11", ["seatsMin"] = "2", ["seatsMax"] = "6", ["isActive"] = "true" });
        await _manager.PostFormAsync("/admin/tables?handler=Table", page, new() { ["zoneId"] = zoneId, ["number"] = "11", ["seatsMin"] = "2", ["seatsMax"] = "4", ["isActive"] = "true" });
        (await _manager.GetPageAsync("/admin/tables")).QuerySelector(".flash")!.TextContent.Should().Contain("уже есть");
        await _manager.PostFormAsync("/admin/tables?handler=Table", page, new() { ["zoneId"] = zoneId, ["number"] = "12", ["seatsMin"] = "5", ["seatsMax"] = "2", ["isActive"] = "true" });
        (await _manager.GetPageAsync("/admin/tables")).QuerySelector(".flash")!.TextContent.Should().Contain("Ничего не изменено");

        await using var db = _app.Database.CreateContext();
        (await db.Tables.SingleAsync(t => t.Number == 11)).SeatsMax.Should().Be(6);
        (await db.Tables.AnyAsync(t => t.Number == 12)).Should().BeFalse();
    }

    [Fact]
    public async Task Changing_opening_hours_changes_what_guests_can_book()
    {
        var hours = await _manager.GetPageAsync("/admin/hours");
        await _manager.PostFormAsync("/admin/hours?handler=Day", hours, new() { ["day"] = "Wednesday", ["opens"] = "18:00", ["closes"] = "23:00" });
        await _manager.PostFormAsync("/admin/hours?handler=Exception", hours, new() { ["date"] = TestDates.NextWednesday().AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["closed"] = "true", ["note"] = "Спецмероприятие" });
        await _manager.PostFormAsync("/admin/hours?handler=Day", hours, new() { ["day"] = "Thursday", ["opens"] = "25:00", ["closes"] = "02:00" });
        (await _manager.GetPageAsync("/admin/hours")).QuerySelector(".flash")!.TextContent.Should().Contain("Ничего не изменено");

        var guest = _app.CreateClient();
        var times = (await (await guest.GetAsync($"/booking?date={Day}&party=2&duration=120")).ReadHtmlAsync())
            .QuerySelectorAll("#times input[name='Guest.Time']").Select(i => i.GetAttribute("value")).ToList();
        times.First().Should().Be("18:00");
        times.Last().Should().Be("21:00");
        var closed = TestDates.NextWednesday().AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await (await guest.GetAsync("/booking")).ReadHtmlAsync()).QuerySelector($"select[name=date] option[value='{closed}']")!.HasAttribute("disabled").Should().BeTrue();
        (await (await guest.GetAsync("/contacts")).ReadHtmlAsync()).QuerySelector("ul.special")!.TextContent.Should().Contain("выходной");
    }

    [Fact]
    public async Task Booking_settings_are_validated_and_saved()
    {
        var page = await _manager.GetPageAsync("/admin/bookings/settings");
        var fields = page.QuerySelectorAll("form input[name^='Input.']")
            .Where(i => i.GetAttribute("type") != "checkbox" && i.GetAttribute("type") != "hidden")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Input.MaxPartySize"] = "12";
        fields["Input.MinDurationMinutes"] = "300";

        var bad = await _manager.PostFormAsync("/admin/bookings/settings", page, new(fields));
        bad.StatusCode.Should().Be(HttpStatusCode.OK);
        (await bad.ReadHtmlAsync()).QuerySelector(".errors")!.TextContent.Should().Contain("больше максимальной");

        fields["Input.MinDurationMinutes"] = "60";
        (await _manager.PostFormAsync("/admin/bookings/settings", page, new(fields))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var db = _app.Database.CreateContext();
        (await db.BookingSettings.SingleAsync()).MaxPartySize.Should().Be(12);
    }
}
