using System.Globalization;
using System.Net;
using HookahLounge.Core.Bookings;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Site.Tests.Pages;

/// <summary>The public booking form over HTTP, as a browser without JavaScript uses it.</summary>
public sealed class BookingPageTests : IAsyncLifetime
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

    private async Task<AngleSharp.Dom.IDocument> TimesPageAsync(int party = 2) =>
        await (await _client.GetAsync($"/booking?date={Day}&party={party}&duration=120")).ReadHtmlAsync();

    private Dictionary<string, string> Form(AngleSharp.Dom.IDocument page, string time, int party = 2) => new()
    {
        ["__RequestVerificationToken"] = page.QuerySelector("#times input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        ["date"] = Day,
        ["party"] = party.ToString(CultureInfo.InvariantCulture),
        ["duration"] = "120",
        ["zone"] = "",
        ["Guest.Time"] = time,
        ["Guest.Name"] = "Мария",
        ["Guest.Phone"] = "8 (916) 123-45-67",
        ["Guest.Comment"] = "День рождения",
        ["Guest.Consent"] = "true",
        ["Guest.Adult"] = "true",
    };

    private async Task<int> BookingCountAsync()
    {
        await using var db = _app.Database.CreateContext();
        return await db.Bookings.CountAsync();
    }

    [Fact]
    public async Task A_guest_picks_a_date_sees_free_times_books_and_lands_on_the_booking_page()
    {
        var start = await (await _client.GetAsync("/booking")).ReadHtmlAsync();
        start.QuerySelectorAll("select[name=date] option").Should().HaveCountGreaterThan(20);
        start.QuerySelectorAll("select[name=party] option").Should().HaveCount(10);

        var page = await TimesPageAsync();
        var times = page.QuerySelectorAll("#times input[name='Guest.Time']").Select(i => i.GetAttribute("value")).ToList();
        times.First().Should().Be("14:00");
        times.Last().Should().Be("00:00", "the last 2-hour visit ends at the 02:00 closing");
        times.Should().Contain("20:00");

        var response = await _client.PostAsync("/booking", new FormUrlEncodedContent(Form(page, "20:00")));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.ToString();
        location.Should().MatchRegex("^/booking/[A-Z0-9]{6}\\?token=[0-9a-f]{32}$");
        var view = await (await _client.GetAsync(location)).ReadHtmlAsync();
        view.QuerySelector("h1")!.TextContent.Should().StartWith("Бронь ");
        view.QuerySelector(".facts")!.TextContent.Should().Contain("20:00 – 22:00").And.Contain("ожидает подтверждения").And.Contain("Держим стол до 20:20");
        await using var db = _app.Database.CreateContext();
        var booking = await db.Bookings.SingleAsync();
        booking.GuestPhone.Should().Be("+79161234567");
        booking.Source.Should().Be(BookingSource.Site);
        booking.ConsentAtUtc.Should().NotBeNull();
        booking.Comment.Should().Be("День рождения");
        booking.AwaitingVerification.Should().BeTrue("nobody has vouched for an anonymous site booking yet");
        view.QuerySelector(".notice")!.TextContent.Should().Contain("администратор перезвонит");
        view.QuerySelector(".telegram-confirm").Should().BeNull("staff confirm this booking, not the bot");
        (await db.Outbox.AnyAsync(m => m.Phone == "+79161234567")).Should().BeFalse("no SMS goes to a typed phone before staff confirm the booking");
        (await db.Outbox.SingleAsync(m => m.Key == $"booking:{booking.Id}:staff-new")).Text.Should().Contain("не подтверждена");
    }

    [Fact]
    public async Task With_sms_verification_the_guest_confirms_the_booking_with_the_code_on_its_page()
    {
        await using var app = new LoungeAppFactory(await TestDatabase.CreateAsync("Sqlite"), settings: new Dictionary<string, string?>
        {
            ["Notifications:DispatcherEnabled"] = "false",
            ["PublicBookings:Verification"] = "Sms",
        });
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var times = await (await client.GetAsync($"/booking?date={Day}&party=2&duration=120")).ReadHtmlAsync();
        var location = (await client.PostAsync("/booking", new FormUrlEncodedContent(Form(times, "20:00")))).Headers.Location!.ToString();
        var view = await (await client.GetAsync(location)).ReadHtmlAsync();
        view.QuerySelector(".notice")!.TextContent.Should().Contain("SMS с кодом");
        var form = view.QuerySelector("form.verify")!;
        string code;
        await using (var db = app.Database.CreateContext())
        {
            code = System.Text.RegularExpressions.Regex.Match((await db.Outbox.SingleAsync(m => m.Key.EndsWith(":code"))).Text, @"\b\d{6}\b").Value;
        }

        async Task<AngleSharp.Dom.IDocument> TypeAsync(string otp)
        {
            var response = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
                ["otp"] = otp,
            }));
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            return await (await client.GetAsync(response.Headers.Location)).ReadHtmlAsync();
        }

        (await TypeAsync(code == "000000" ? "111111" : "000000")).QuerySelector(".notice")!.TextContent.Should().Contain("Код не подошёл");
        var confirmed = await TypeAsync(code);

        confirmed.QuerySelector(".notice")!.TextContent.Should().Contain("бронь подтверждена");
        confirmed.QuerySelector("form.verify").Should().BeNull();
        await using var check = app.Database.CreateContext();
        (await check.Bookings.SingleAsync()).AwaitingVerification.Should().BeFalse();
        await app.Database.DisposeAsync();
    }

    [Fact]
    public async Task With_bot_verification_the_guest_confirms_each_booking_through_the_telegram_link_on_its_page()
    {
        await using var telegram = await FakeTelegram.StartAsync();
        await using var app = new LoungeAppFactory(await TestDatabase.CreateAsync("Sqlite"), telegram, new Dictionary<string, string?>
        {
            ["Notifications:DispatcherEnabled"] = "false",
            ["PublicBookings:Verification"] = "Bot",
        });
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        const long chat = 7301;

        foreach (var time in new[] { "18:00", "21:00" })
        {
            var times = await (await client.GetAsync($"/booking?date={Day}&party=2&duration=120")).ReadHtmlAsync();
            var location = (await client.PostAsync("/booking", new FormUrlEncodedContent(Form(times, time)))).Headers.Location!.ToString();
            var view = await (await client.GetAsync(location)).ReadHtmlAsync();
            view.QuerySelector(".notice")!.TextContent.Should().Contain("Подтвердите бронь в нашем Telegram-боте").And.Contain("20 мин");
            var link = view.QuerySelector(".telegram-confirm a")!;
            link.TextContent.Should().Contain("Подтвердить в Telegram");
            var href = link.GetAttribute("href")!;
            href.Should().MatchRegex("^https://t\\.me/oblaka_test_bot\\?start=bk_[A-Za-z0-9_-]{32}$");
            href.Should().NotContain(location.Split("token=")[1], "Telegram sees the link and must not learn the page's own token");
            var payload = href.Split("start=")[1];

            telegram.Push(Updates.Text(telegram.NextUpdateId(), chat, $"/start {payload}"));
            var card = (await telegram.WaitForAsync(calls => calls.Count(c => c.ChatId == chat && c.Text?.Contains("Подтвердите бронь") == true) == (time == "18:00" ? 1 : 2)))
                .Last(c => c.ChatId == chat && c.Text?.Contains("Подтвердите бронь") == true);
            telegram.Push(Updates.Button(telegram.NextUpdateId(), chat, card.ButtonData.Single(), messageId: 5));
            await telegram.WaitForAsync(calls => calls.Count(c => c.ChatId == chat && c.Text?.Contains("подтверждена. ") == true) == (time == "18:00" ? 1 : 2));

            var after = await (await client.GetAsync(location)).ReadHtmlAsync();
            after.QuerySelector(".telegram-confirm").Should().BeNull("the link works once and the booking is confirmed");
            after.QuerySelector(".notice")?.TextContent.Should().NotContain("Подтвердите бронь");
        }

        await using var db = app.Database.CreateContext();
        var bookings = await db.Bookings.Include(b => b.Customer).ToListAsync();
        bookings.Should().HaveCount(2).And.OnlyContain(b => !b.AwaitingVerification && b.Customer!.TelegramUserId == chat);
        (await db.Customers.SingleAsync()).Phone.Should().Be("+79161234567");
        await app.Database.DisposeAsync();
    }

    [Fact]
    public async Task Bot_verification_without_a_bot_stops_the_site_at_start_with_a_clear_message()
    {
        await using var app = new LoungeAppFactory(await TestDatabase.CreateAsync("Sqlite"), settings: new Dictionary<string, string?>
        {
            ["PublicBookings:Verification"] = "Bot",
        });

        var start = () => app.Start();

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*PublicBookings:Verification=Bot*Telegram:BotToken*");
        await app.Database.DisposeAsync();
    }

    [Fact]
    public async Task The_fourth_booking_from_one_phone_in_a_day_is_refused_with_the_lounge_phone()
    {
        var statuses = new List<HttpStatusCode>();
        AngleSharp.Dom.IDocument last = null!;
        foreach (var time in new[] { "18:00", "19:00", "20:00", "21:00" })
        {
            var response = await _client.PostAsync("/booking", new FormUrlEncodedContent(Form(await TimesPageAsync(), time)));
            statuses.Add(response.StatusCode);
            last = await response.ReadHtmlAsync();
        }

        statuses.Should().Equal(HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.OK);
        last.QuerySelector(".form-errors")!.TextContent.Should().Contain("много бронирований").And.Contain("+7 (495) 123-45-67");
        (await BookingCountAsync()).Should().Be(3);
    }

    [Fact]
    public async Task Promo_sms_consent_is_a_separate_optional_box_and_is_logged_only_when_ticked()
    {
        var page = await TimesPageAsync();
        page.QuerySelector("input[name='Guest.Marketing']").Should().NotBeNull();
        page.QuerySelector("input[name='Guest.Marketing']")!.HasAttribute("checked").Should().BeFalse("marketing consent is never pre-ticked");

        (await _client.PostAsync("/booking", new FormUrlEncodedContent(Form(page, "20:00")))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using (var db = _app.Database.CreateContext())
        {
            (await db.Customers.SingleAsync()).SmsOptIn.Should().BeFalse("the booking consent is not a marketing consent");
            (await db.ConsentChanges.CountAsync()).Should().Be(0);
        }

        var form = Form(await TimesPageAsync(), "22:00");
        form["Guest.Marketing"] = "true";
        (await _client.PostAsync("/booking", new FormUrlEncodedContent(form))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var after = _app.Database.CreateContext();
        (await after.Customers.SingleAsync()).SmsOptIn.Should().BeTrue();
        (await after.ConsentChanges.SingleAsync()).Should().Match<HookahLounge.Core.Broadcasts.ConsentChange>(c =>
            c.Granted && c.Channel == HookahLounge.Core.Broadcasts.ConsentChannel.Sms && c.Source == HookahLounge.Core.Broadcasts.ConsentSource.SiteBookingForm);
    }

    [Theory]
    [InlineData("Guest.Name", "", "Укажите имя")]
    [InlineData("Guest.Phone", "", "Укажите телефон")]
    [InlineData("Guest.Phone", "позвоните", "Проверьте номер телефона")]
    [InlineData("Guest.Consent", "false", "Без согласия")]
    [InlineData("Guest.Adult", "false", "старше 18 лет")]
    [InlineData("Guest.Time", "", "Выберите время")]
    [InlineData("Guest.Time", "25:99", "Выберите время")]
    [InlineData("Guest.Time", "09:00", "вне часов работы")]
    [InlineData("party", "50", "от 1 до 10 гостей")]
    [InlineData("party", "abc", "Проверьте дату")]
    [InlineData("date", "2020-01-01", "Проверьте дату")]
    [InlineData("date", "завтра", "Проверьте дату")]
    [InlineData("duration", "45", "длительность")]
    public async Task Bad_input_is_explained_on_the_page_and_nothing_is_booked(string field, string value, string message)
    {
        var page = await TimesPageAsync();
        var form = Form(page, "20:00");
        form[field] = value;

        var response = await _client.PostAsync("/booking", new FormUrlEncodedContent(form));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain(message);
        (await BookingCountAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData("date=nonsense&party=2")]
    [InlineData("date=2026-13-45&party=-3")]
    [InlineData("party=1000000000000")]
    public async Task A_garbled_query_gets_a_message_not_an_error(string query)
    {
        var response = await _client.GetAsync($"/booking?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Проверьте дату");
    }

    [Fact]
    public async Task A_booking_post_without_the_antiforgery_token_is_rejected()
    {
        var page = await TimesPageAsync();
        var form = Form(page, "20:00");
        form.Remove("__RequestVerificationToken");

        var response = await _client.PostAsync("/booking", new FormUrlEncodedContent(form));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await BookingCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_time_taken_meanwhile_is_explained_with_the_nearest_free_times()
    {
        var page = await TimesPageAsync(party: 10);
        (await _client.PostAsync("/booking", new FormUrlEncodedContent(Form(page, "20:00", party: 10)))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var again = await _client.PostAsync("/booking", new FormUrlEncodedContent(Form(page, "20:30", party: 10)));

        var html = await again.ReadHtmlAsync();
        html.QuerySelector(".form-errors")!.TextContent.Should().Contain("только что заняли");
        html.QuerySelectorAll("#times input[name='Guest.Time']").Select(i => i.GetAttribute("value")).Should().Contain("22:00").And.NotContain("20:30");
        (await BookingCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task The_booking_page_needs_its_token_and_lets_the_guest_cancel()
    {
        var page = await TimesPageAsync(party: 10);
        var location = (await _client.PostAsync("/booking", new FormUrlEncodedContent(Form(page, "21:00", party: 10)))).Headers.Location!.ToString();
        var code = location.Split('/', '?')[2];

        (await _client.GetAsync($"/booking/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.GetAsync($"/booking/{code}?token=00000000000000000000000000000000")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var view = await (await _client.GetAsync(location)).ReadHtmlAsync();
        var token = view.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var action = view.QuerySelector("form")!.GetAttribute("action")!;
        var cancel = await _client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        cancel.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await (await _client.GetAsync(location)).ReadHtmlAsync();
        after.QuerySelector(".notice")!.TextContent.Should().Contain("Бронь отменена");
        after.QuerySelectorAll("form").Should().BeEmpty();
        var retry = await TimesPageAsync(party: 10);
        retry.QuerySelectorAll("#times input[name='Guest.Time']").Select(i => i.GetAttribute("value")).Should().Contain("21:00", "the cancelled booking freed the room");
    }

    [Fact]
    public async Task Booking_posts_are_rate_limited_against_spam_while_pages_stay_readable()
    {
        await using var app = new LoungeAppFactory(await TestDatabase.CreateAsync("Sqlite"), settings: new Dictionary<string, string?>
        {
            ["Notifications:DispatcherEnabled"] = "false",
            ["Site:FormPostsPerMinute"] = "3",
        });
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var page = await (await client.GetAsync($"/booking?date={Day}&party=2&duration=120")).ReadHtmlAsync();
        var form = Form(page, "20:00");
        form["Guest.Name"] = "";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostAsync("/booking", new FormUrlEncodedContent(form))).StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/booking")).StatusCode.Should().Be(HttpStatusCode.OK);
        await app.Database.DisposeAsync();
    }

    [Fact]
    public async Task A_guest_blocked_by_staff_is_asked_to_call_and_nothing_is_booked()
    {
        var page = await TimesPageAsync();
        (await _client.PostAsync("/booking", new FormUrlEncodedContent(Form(page, "18:00")))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Core.Data.LoungeDbContext>();
            var guest = await db.Customers.SingleAsync(c => c.Phone == "+79161234567");
            await scope.ServiceProvider.GetRequiredService<Core.Customers.GuestRecords>().SetBlockedAsync(guest.Id, "неявки", "Анна");
        }

        page = await TimesPageAsync();
        var response = await _client.PostAsync("/booking", new FormUrlEncodedContent(Form(page, "21:00")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadHtmlAsync()).Body!.TextContent.Should().Contain("Онлайн-бронь для этого номера недоступна").And.Contain("позвоните");
        (await BookingCountAsync()).Should().Be(1);
    }
}
