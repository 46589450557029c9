using System.Net;
using System.Text;
using AngleSharp.Dom;
using HookahLounge.Core.Promotions;
using HookahLounge.Site.Pages.Booking;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HookahLounge.Site.Tests.Pages;

/// <summary>
/// The booking form as a guest on a phone meets it: every problem at once beside its field, a long comment
/// refused rather than lost, dates that start at the night that can still be booked, and a booking page that
/// gets the guest to the door (address, map, call, calendar).
/// </summary>
public sealed class BookingFormTests : IAsyncLifetime
{
    private LoungeAppFactory _app = null!;
    private HttpClient _client = null!;

    private static readonly string Day = TestDates.NextWednesdayText();

    public async Task InitializeAsync()
    {
        _app = new LoungeAppFactory(await TestDatabase.CreateAsync(TestDatabase.Preferred), settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        _client = _app.CreateClient(new() { AllowAutoRedirect = false });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _app.Database.DisposeAsync();
    }

    private static async Task<IDocument> TimesPageAsync(HttpClient client, string day, int duration = 120) =>
        await (await client.GetAsync($"/booking?date={day}&party=2&duration={duration}")).ReadHtmlAsync();

    private static Dictionary<string, string> Form(IDocument page, string day, string time) => new()
    {
        ["__RequestVerificationToken"] = page.QuerySelector("#times input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        ["date"] = day,
        ["party"] = "2",
        ["duration"] = "120",
        ["zone"] = "",
        ["Guest.Time"] = time,
        ["Guest.Name"] = "Мария",
        ["Guest.Phone"] = "8 (916) 123-45-67",
        ["Guest.Comment"] = "",
        ["Guest.Consent"] = "true",
        ["Guest.Adult"] = "true",
    };

    private static string ErrorBeside(IDocument page, string field) =>
        page.QuerySelector($"#times span.field-error[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    private async Task<int> BookingCountAsync()
    {
        await using var db = _app.Database.CreateContext();
        return await db.Bookings.CountAsync();
    }

    [Fact]
    public async Task Every_problem_is_shown_at_once_beside_its_own_field_and_nothing_is_booked()
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var form = Form(await TimesPageAsync(_client, Day), Day, "");
            form["Guest.Name"] = "";
            form["Guest.Phone"] = "позвоните мне";
            form["Guest.Consent"] = "false";
            form["Guest.Adult"] = "false";

            var response = await _client.PostAsync("/booking", new FormUrlEncodedContent(form));

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var page = await response.ReadHtmlAsync();
            ErrorBeside(page, "Guest.Time").Should().Contain("Выберите время");
            ErrorBeside(page, "Guest.Name").Should().Contain("Укажите имя");
            ErrorBeside(page, "Guest.Phone").Should().Contain("Проверьте номер телефона");
            ErrorBeside(page, "Guest.Consent").Should().Contain("Без согласия");
            ErrorBeside(page, "Guest.Adult").Should().Contain("старше 18 лет");
            page.QuerySelector("input[name='Guest.Name']")!.ParentElement!.QuerySelector(".field-error")!.TextContent.Should().Contain("Укажите имя", "the message sits in the field's own label");
            page.QuerySelector("input[name='Guest.Phone']")!.GetAttribute("aria-invalid").Should().Be("true");
            page.QuerySelector("input[name='Guest.Phone']")!.GetAttribute("aria-describedby").Should().Be("phone-error");
        }

        (await BookingCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task An_over_long_comment_is_refused_with_a_message_and_kept_for_shortening()
    {
        var tooLong = new string('я', Core.Bookings.Booking.CommentMaxLength + 1);
        var form = Form(await TimesPageAsync(_client, Day), Day, "20:00");
        form["Guest.Comment"] = tooLong;

        var refused = await _client.PostAsync("/booking", new FormUrlEncodedContent(form));

        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await refused.ReadHtmlAsync();
        ErrorBeside(page, "Guest.Comment").Should().Contain("Комментарий слишком длинный").And.Contain("1000").And.Contain("1001");
        page.QuerySelector("textarea[name='Guest.Comment']")!.TextContent.Should().Be(tooLong, "what the guest wrote is kept so it can be shortened");
        page.QuerySelector("textarea[name='Guest.Comment']")!.HasAttribute("maxlength").Should().BeFalse("the browser would cut a pasted comment without a word");
        (await BookingCountAsync()).Should().Be(0);

        // Shortened to the limit, the same guest books, and again for a second evening.
        foreach (var time in new[] { "20:00", "22:00" })
        {
            var again = Form(await TimesPageAsync(_client, Day), Day, time);
            again["Guest.Comment"] = tooLong[..Core.Bookings.Booking.CommentMaxLength];
            (await _client.PostAsync("/booking", new FormUrlEncodedContent(again))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        await using var db = _app.Database.CreateContext();
        (await db.Bookings.Select(b => b.Comment!.Length).ToListAsync()).Should().Equal(1000, 1000);
    }

    [Fact]
    public async Task At_01_16_after_a_night_that_closes_at_2_the_dates_start_at_the_new_day()
    {
        // Wednesday 25 November 01:16 in Moscow: Tuesday's night closes at 02:00, its last seating (01:00) is gone.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 1, 16, 0, TimeSpan.FromHours(3)));
        await using var app = new LoungeAppFactory(await TestDatabase.CreateAsync("Sqlite"), settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var start = await (await client.GetAsync("/booking")).ReadHtmlAsync();

        var options = start.QuerySelectorAll("select[name=date] option").ToList();
        options[0].GetAttribute("value").Should().Be("2026-11-25", "Tuesday's night can no longer be booked");
        start.QuerySelector("select[name=date] option[selected]")!.GetAttribute("value").Should().Be("2026-11-25");
        var times = await TimesPageAsync(client, "2026-11-25");
        times.QuerySelectorAll("#times input[name='Guest.Time']").Select(i => i.GetAttribute("value")).Should().StartWith("14:00");
        start.QuerySelector("form#pick")!.GetAttribute("action").Should().Be("/booking#times", "after choosing, the page opens at the times");
        await app.Database.DisposeAsync();
    }

    [Fact]
    public async Task At_01_16_in_a_night_that_runs_to_4_that_night_is_offered_first_and_points_on_when_full()
    {
        // Saturday 28 November 01:16: Friday's night runs to 04:00, so a one-hour visit can still start at 02:30 or 03:00.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 1, 16, 0, TimeSpan.FromHours(3)));
        await using var app = new LoungeAppFactory(await TestDatabase.CreateAsync("Sqlite"), settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var start = await (await client.GetAsync("/booking")).ReadHtmlAsync();
        var first = start.QuerySelector("select[name=date] option")!;
        first.GetAttribute("value").Should().Be("2026-11-27");
        first.TextContent.Should().Contain("сегодня");
        (await TimesPageAsync(client, "2026-11-27", duration: 60)).QuerySelectorAll("#times input[name='Guest.Time']").Select(i => i.GetAttribute("value"))
            .Should().Equal("02:30", "03:00");

        var full = await TimesPageAsync(client, "2026-11-27");
        full.QuerySelector("#times")!.TextContent.Should().Contain("нет свободного времени");
        full.QuerySelector("#times a.btn")!.GetAttribute("href").Should().Be("/booking?date=2026-11-28&party=2&duration=120&zone=#times");
        await app.Database.DisposeAsync();
    }

    [Fact]
    public async Task The_private_booking_page_has_the_address_a_map_a_call_button_and_a_calendar_file()
    {
        foreach (var time in new[] { "20:00", "22:30" })
        {
            var location = (await _client.PostAsync("/booking", new FormUrlEncodedContent(Form(await TimesPageAsync(_client, Day), Day, time)))).Headers.Location!.ToString();
            var view = await (await _client.GetAsync(location)).ReadHtmlAsync();

            var visit = view.QuerySelector("section.visit")!;
            visit.TextContent.Should().Contain("ул. Покровка, 17, стр. 1");
            visit.QuerySelector("a[href^='tel:']")!.GetAttribute("href").Should().Be("tel:+74951234567");
            visit.QuerySelector("a[href*='yandex']")!.GetAttribute("href").Should().Contain("pt=37.645873,55.759256");
            var ics = visit.QuerySelector("a[download]")!.GetAttribute("href")!;

            var response = await _client.GetAsync(ics);

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
            response.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
            var text = await response.Content.ReadAsStringAsync();
            var lines = text.Split("\r\n");
            text.Replace("\r\n", "", StringComparison.Ordinal).Should().NotContain("\n", "every line ends with CRLF");
            lines.Should().OnlyContain(l => Encoding.UTF8.GetByteCount(l) <= 75, "long lines are folded");
            var unfolded = text.Replace("\r\n ", "", StringComparison.Ordinal);
            var date = Day.Replace("-", "", StringComparison.Ordinal);
            var (startUtc, endUtc) = time == "20:00" ? ("170000", "190000") : ("193000", "213000");
            unfolded.Should().StartWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
                .And.Contain($"DTSTART:{date}T{startUtc}Z\r\n", "20:00 in Moscow is 17:00 UTC")
                .And.Contain($"DTEND:{date}T{endUtc}Z\r\n")
                .And.Contain("LOCATION:Облака Лаунж\\, Москва\\, ул. Покровка\\, 17\\, стр. 1\r\n")
                .And.Contain("SUMMARY:Бронь в Облака Лаунж\r\n")
                .And.Contain("STATUS:TENTATIVE")
                .And.EndWith("END:VEVENT\r\nEND:VCALENDAR\r\n");
            unfolded.Should().MatchRegex(@"DESCRIPTION:Бронь [A-Z0-9]{6}\\, гостей: 2\. Ваша страница брони: http://localhost/booking/[A-Z0-9]{6}\?token=[0-9a-f]{32}\\n\+7 \(495\) 123-45-67\r\n");
        }

        await using var db = _app.Database.CreateContext();
        var code = (await db.Bookings.FirstAsync()).Code;
        (await _client.GetAsync($"/booking/{code}?handler=Calendar&token=00000000000000000000000000000000")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public void Calendar_text_escapes_what_iCalendar_reserves()
    {
        BookingCalendar.Escape("a;b,c\\d\r\ne\nf").Should().Be("a\\;b\\,c\\\\d\\ne\\nf");
    }

    [Fact]
    public async Task An_event_has_a_button_that_books_a_table_for_its_night()
    {
        await using (var db = _app.Database.CreateContext())
        {
            db.Promotions.RemoveRange(db.Promotions);
            db.Promotions.Add(new Promotion
            {
                Kind = PromotionKind.Event, Title = "Джаз после полуночи", Description = "Живой сет",
                // 00:30 on Thursday in Moscow belongs to Wednesday's night.
                StartsAtUtc = DateTime.SpecifyKind(TestDates.NextWednesday().AddDays(1).ToDateTime(new TimeOnly(0, 30)).AddHours(-3), DateTimeKind.Utc),
                CreatedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var page = await (await _client.GetAsync("/promos")).ReadHtmlAsync();

        var link = page.QuerySelector("article.promo a.btn")!;
        link.TextContent.Should().Contain("Забронировать стол на этот вечер");
        link.GetAttribute("href").Should().Be($"/booking?date={Day}&party=2#times");
        var times = await (await _client.GetAsync(link.GetAttribute("href")!.Split('#')[0])).ReadHtmlAsync();
        times.QuerySelectorAll("#times input[name='Guest.Time']").Should().NotBeEmpty();
    }
}
