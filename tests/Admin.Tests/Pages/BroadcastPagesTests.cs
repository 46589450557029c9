using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HookahLounge.Core.Audit;
using HookahLounge.Core.Broadcasts;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Staff;
using HookahLounge.Core.Visits;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Admin.Tests.Pages;

/// <summary>Admin → Рассылки through HTTP with antiforgery, as a manager uses it.</summary>
public sealed class BroadcastPagesTests
{
    private static Dictionary<string, string> Form(string title, string text, Dictionary<string, string>? more = null)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Text"] = text,
            ["Input.TextEn"] = "",
            ["Input.ButtonKind"] = "None",
            ["Input.ButtonText"] = "",
            ["Input.ButtonUrl"] = "",
            ["Input.PromotionId"] = "",
            ["Input.Language"] = "",
        };
        foreach (var (key, value) in more ?? [])
        {
            form[key] = value;
        }

        return form;
    }

    private static async Task<(LoungeAppFactory App, StaffBrowser Browser, TestDatabase Database)> StartAsync()
    {
        var database = await TestDatabase.CreateAsync(TestDatabase.Preferred);
        var app = new LoungeAppFactory(database);
        await StaffBrowser.CreateAccountAsync(app, "manager", "manager-password", StaffRole.Manager);
        var browser = new StaffBrowser(app);
        await browser.LoginAsync("manager", "manager-password");
        await using var db = database.CreateContext();
        db.Customers.AddRange(
            new Customer { Name = "Ру", TelegramUserId = 1, TelegramChatId = 1, PromoOptIn = true, Language = "ru", CreatedAtUtc = DateTime.UtcNow },
            new Customer { Name = "En", TelegramUserId = 2, TelegramChatId = 2, PromoOptIn = true, Language = "en", CreatedAtUtc = DateTime.UtcNow },
            new Customer { Name = "Нет", TelegramUserId = 3, TelegramChatId = 3, PromoOptIn = false, Language = "en", CreatedAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return (app, browser, database);
    }

    [Fact]
    public async Task A_manager_composes_counts_previews_and_schedules_a_broadcast_in_lounge_time_and_it_is_audited()
    {
        var (app, browser, database) = await StartAsync();
        await using var _ = database;
        await using var __ = app;

        var index = await browser.GetPageAsync("/admin/broadcasts");
        index.QuerySelector("h1")!.TextContent.Should().Be("Рассылки");
        var compose = await browser.GetPageAsync("/admin/broadcasts/edit");

        var counted = await (await browser.PostFormAsync("/admin/broadcasts/edit?handler=Count", compose, Form("", "", new() { ["Input.Language"] = "en" }))).ReadHtmlAsync();
        counted.QuerySelector(".recipient-count")!.TextContent.Should().Contain("Получателей: 1", "one English guest agreed; the other did not");
        await using (var db = database.CreateContext())
        {
            (await db.Broadcasts.CountAsync()).Should().Be(0, "counting saves nothing");
        }

        for (var round = 1; round <= 2; round++)
        {
            compose = await browser.GetPageAsync("/admin/broadcasts/edit");
            var saved = await browser.PostFormAsync("/admin/broadcasts/edit?handler=Save", compose,
                Form($"DJ-сет {round}", $"<b>DJ-сет</b> в пятницу &amp; кальян в подарок {round}", new() { ["Input.ButtonKind"] = "Url", ["Input.ButtonText"] = "Подробнее", ["Input.ButtonUrl"] = "https://oblaka.example/dj" }));
            saved.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
            var editUrl = saved.Headers.Location!.OriginalString;
            var edit = await browser.GetPageAsync(editUrl);
            edit.QuerySelector(".flash")!.TextContent.Should().Contain("Черновик сохранён");
            edit.QuerySelector(".tg-preview .message")!.InnerHtml.Should().Contain("<b>DJ-сет</b>").And.Contain("&amp; кальян");
            edit.QuerySelectorAll(".tg-preview .tg-button").Select(b => b.TextContent).Should().Contain(["Подробнее", "🔕 Отписаться"]);

            var local = DateTime.UtcNow.AddHours(3).AddDays(2).Date.AddHours(20);
            var scheduled = await browser.PostFormAsync(editUrl + "?handler=Schedule", edit,
                Form($"DJ-сет {round}", $"<b>DJ-сет</b> в пятницу &amp; кальян в подарок {round}", new()
                {
                    ["Input.ButtonKind"] = "Url", ["Input.ButtonText"] = "Подробнее", ["Input.ButtonUrl"] = "https://oblaka.example/dj",
                    ["Input.ScheduleAt"] = local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
                }));
            scheduled.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);

            await using var db = database.CreateContext();
            var broadcast = await db.Broadcasts.OrderBy(b => b.Id).LastAsync();
            broadcast.Title.Should().Be($"DJ-сет {round}");
            broadcast.Status.Should().Be(BroadcastStatus.Scheduled);
            broadcast.ScheduledAtUtc.Should().Be(DateTime.SpecifyKind(local.AddHours(-3), DateTimeKind.Utc), "20:00 in Moscow is 17:00 UTC");
            (await db.Broadcasts.CountAsync()).Should().Be(round);

            var progress = await browser.GetPageAsync($"/admin/broadcasts/progress/{broadcast.Id}");
            progress.QuerySelector(".broadcast-status")!.TextContent.Should().Contain("запланирована");
            progress.QuerySelector("meta[http-equiv=refresh]").Should().BeNull("a reloading page would wipe a half-ticked form; the figures refresh in place");
            progress.QuerySelector("#broadcast-live")!.GetAttribute("data-live").Should().Be("true");
            progress.QuerySelector("script[src*='/js/broadcast-progress']").Should().NotBeNull("the figures refresh through the page's own script");
            await browser.PostFormAsync($"/admin/broadcasts/progress/{broadcast.Id}?handler=Cancel", progress, new() { ["confirm"] = "true" });
            await using var after = database.CreateContext();
            (await after.Broadcasts.SingleAsync(b => b.Id == broadcast.Id)).Status.Should().Be(BroadcastStatus.Cancelled);
            (await after.AuditEntries.Where(a => a.Area == AuditArea.Broadcasts && a.EntityKey.Contains($"DJ-сет {round}")).Select(a => a.Action).ToListAsync())
                .Should().Contain(["Added", "Modified"], "creating, scheduling and cancelling are in the audit log");
        }
    }

    [Theory]
    [InlineData("Text", "<b>Без закрытия", "Тег <b> не закрыт")]
    [InlineData("Text", "<script>alert(1)</script>", "не поддерживает")]
    [InlineData("Long", "", "длиннее 4096")]
    [InlineData("Url", "javascript:alert(1)", "http:// или https://")]
    [InlineData("Past", "", "уже прошло")]
    public async Task Bad_input_gets_a_polite_error_and_changes_nothing(string field, string value, string message)
    {
        var (app, browser, database) = await StartAsync();
        await using var _ = database;
        await using var __ = app;
        var compose = await browser.GetPageAsync("/admin/broadcasts/edit");
        (await browser.PostFormAsync("/admin/broadcasts/edit?handler=Save", compose, Form("Первая", "Хорошая рассылка"))).StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        await using var before = database.CreateContext();
        var original = await before.Broadcasts.AsNoTracking().SingleAsync();

        var edit = await browser.GetPageAsync($"/admin/broadcasts/edit/{original.Id}");
        var form = field switch
        {
            "Text" => Form("Изменённая", value),
            "Long" => Form("Изменённая", new string('а', 4097)),
            "Url" => Form("Изменённая", "Текст", new() { ["Input.ButtonKind"] = "Url", ["Input.ButtonText"] = "Жми", ["Input.ButtonUrl"] = value }),
            _ => Form("Изменённая", "Текст", new() { ["Input.ScheduleAt"] = DateTime.UtcNow.AddHours(3).AddHours(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) }),
        };
        var handler = field == "Past" ? "Schedule" : "Save";
        var response = await browser.PostFormAsync($"/admin/broadcasts/edit/{original.Id}?handler={handler}", edit, form);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the form is shown again, never a 500");
        var page = await response.ReadHtmlAsync();
        page.QuerySelector(".errors")!.TextContent.Should().Contain(message);
        page.QuerySelector("textarea[name='Input.Text']")!.TextContent.Should().NotBeEmpty("what was typed is kept for correcting");
        await using var after = database.CreateContext();
        var stored = await after.Broadcasts.AsNoTracking().SingleAsync();
        stored.Title.Should().Be("Первая");
        stored.Text.Should().Be("Хорошая рассылка");
        stored.Status.Should().Be(BroadcastStatus.Draft);
    }

    /// <summary>
    /// Beside <see cref="StartAsync"/>'s three Telegram guests (Ру and En subscribed, Нет not): one who blocked the bot,
    /// a phone-only guest with the SMS consent and one without it. Ру, Нет and both phone-only guests came this week.
    /// </summary>
    private static async Task AddAudienceGuestsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var now = DateTime.UtcNow;
        db.Customers.AddRange(
            new Customer { Name = "Заблокировал", TelegramUserId = 4, TelegramChatId = 4, PromoOptIn = true, TelegramUnreachable = true, Language = "en", CreatedAtUtc = now },
            new Customer { Name = "Телефон", Phone = "+79160000101", SmsOptIn = true, Language = "ru", CreatedAtUtc = now },
            new Customer { Name = "Без согласия", Phone = "+79160000102", SmsOptIn = false, Language = "ru", CreatedAtUtc = now });
        await db.SaveChangesAsync();
        var table = await db.Tables.Select(t => t.Id).FirstAsync();
        foreach (var (name, daysAgo) in new[] { ("Ру", 3), ("Нет", 1), ("Заблокировал", 2), ("Телефон", 2), ("Без согласия", 2) })
        {
            var guest = await db.Customers.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
            db.Visits.Add(new Visit { CustomerId = guest, TableId = table, OpenedAtUtc = now.AddDays(-daysAgo), ClosedAtUtc = now.AddDays(-daysAgo).AddHours(2) });
        }

        await db.SaveChangesAsync();
    }

    private static string CountUrl(string query) => "/admin/broadcasts/edit?handler=Count&" + query;

    [Fact]
    public async Task The_audience_count_follows_the_filter_as_typed_without_saving_anything()
    {
        var (app, browser, database) = await StartAsync();
        await using var _ = database;
        await using var __ = app;
        await AddAudienceGuestsAsync(database);

        var compose = await browser.GetPageAsync("/admin/broadcasts/edit");
        var audience = compose.QuerySelector("fieldset.audience[data-count-url]")!;
        audience.GetAttribute("data-count-url").Should().BeEquivalentTo("/admin/broadcasts/edit?handler=Count");
        audience.QuerySelector("output.recipient-count")!.GetAttribute("aria-live").Should().Be("polite", "a screen reader hears the new count");
        compose.QuerySelector("script[src*='/js/broadcast-count']").Should().NotBeNull("the page's own script keeps the count live");
        compose.QuerySelectorAll("form.broadcast-form button[type=submit]").Select(b => b.GetAttribute("formaction") ?? "")
            .Should().HaveCount(6).And.OnlyContain(a => a.StartsWith("/Admin/Broadcasts/Edit?handler=", StringComparison.OrdinalIgnoreCase),
                "a button of a new broadcast without its address posts to no handler, and nothing happens");

        // Everyone with SMS: Ру and En in Telegram (Нет said no, Заблокировал blocked the bot), Телефон by SMS.
        // Came within 7 days: only Ру of the Telegram subscribers; the SMS guest is left out without the box.
        (string Query, int Telegram, int Sms)[] filters =
        [
            ("Input.IncludeSms=true", 2, 1),
            ("Input.VisitedWithinDays=7&Input.Language=", 1, 0),
            ("Input.VisitedWithinDays=7&Input.IncludeSms=true", 1, 1),
            ("Input.Language=en&Input.IncludeSms=true", 1, 0),
        ];
        for (var round = 1; round <= 2; round++)
        {
            foreach (var (query, telegram, sms) in filters)
            {
                var response = await browser.Client.GetAsync(CountUrl(query));
                response.StatusCode.Should().Be(HttpStatusCode.OK, query);
                response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
                var count = await response.Content.ReadFromJsonAsync<JsonElement>();
                count.GetProperty("telegram").GetInt32().Should().Be(telegram, query);
                count.GetProperty("sms").GetInt32().Should().Be(sms, query);
                count.GetProperty("text").GetString().Should().Be($"Получателей: {telegram + sms} (Telegram: {telegram}, SMS: {sms})");
            }
        }

        // Without the script the button gives the same sentence.
        var counted = await (await browser.PostFormAsync("/admin/broadcasts/edit?handler=Count", compose, Form("", "", new() { ["Input.IncludeSms"] = "true" }))).ReadHtmlAsync();
        counted.QuerySelector(".recipient-count")!.TextContent.Should().Be("Получателей: 3 (Telegram: 2, SMS: 1)");

        await using var db = database.CreateContext();
        (await db.Broadcasts.CountAsync()).Should().Be(0, "counting saves nothing");
        (await db.SavedAudiences.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Only_managers_and_owners_get_the_audience_count()
    {
        var (app, browser, database) = await StartAsync();
        await using var _ = database;
        await using var __ = app;
        await StaffBrowser.CreateAccountAsync(app, "owner", "owner-password", StaffRole.Owner);
        await StaffBrowser.CreateAccountAsync(app, "waiter", "waiter-password", StaffRole.Staff);
        var owner = new StaffBrowser(app);
        await owner.LoginAsync("owner", "owner-password");
        var waiter = new StaffBrowser(app);
        await waiter.LoginAsync("waiter", "waiter-password");
        var stranger = new StaffBrowser(app);

        for (var round = 1; round <= 2; round++)
        {
            foreach (var allowed in new[] { browser, owner })
            {
                var response = await allowed.Client.GetAsync(CountUrl("Input.Language=en"));
                response.StatusCode.Should().Be(HttpStatusCode.OK);
                (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("telegram").GetInt32().Should().Be(1);
            }

            var denied = await waiter.Client.GetAsync(CountUrl("Input.Language=en"));
            denied.StatusCode.Should().Be(HttpStatusCode.Redirect);
            denied.Headers.Location!.OriginalString.Should().Contain("accessdenied", "a waiter does not see how many guests get promos");

            var anonymous = await stranger.Client.GetAsync(CountUrl("Input.Language=en"));
            anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
            anonymous.Headers.Location!.OriginalString.Should().Contain("/admin/account/login");
        }
    }

    [Fact]
    public async Task A_bad_audience_gets_a_polite_reason_instead_of_a_count_from_the_live_count_and_the_button_alike()
    {
        var (app, browser, database) = await StartAsync();
        await using var _ = database;
        await using var __ = app;
        (string Query, string Reason)[] cases =
        [
            ("Input.VisitedWithinDays=0", "«Были за последние N дней»: число от 1 до 3650."),
            ("Input.NotVisitedForDays=99999", "«Не были N дней и больше»: число от 1 до 3650."),
            ("Input.VisitedWithinDays=abc", "«abc» не подходит для поля «Были за последние N дней»."),
            ("Input.OrderedItemId=1%3B%20DROP%20TABLE", "не подходит для поля «Заказывали позицию»"),
            ("Input.Language=de", "Язык аудитории — русский или английский."),
            ("Input.BookedForEventId=999999", "Такого события нет."),
            ("Input.IncludeSms=maybe", "не подходит для поля «И гостям только с телефоном»"),
        ];

        foreach (var (query, reason) in cases)
        {
            for (var round = 1; round <= 2; round++)
            {
                var response = await browser.Client.GetAsync(CountUrl(query));

                response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{query}: never a 500, never a count of a filter that means nothing");
                var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
                answer.GetProperty("error").GetString().Should().Contain(reason, query);
                answer.TryGetProperty("telegram", out var _).Should().BeFalse();
            }

            // The button refuses the same input for the same reason.
            var compose = await browser.GetPageAsync("/admin/broadcasts/edit");
            var fields = Form("", "");
            foreach (var pair in query.Split('&').Select(p => p.Split('=')))
            {
                fields[pair[0]] = Uri.UnescapeDataString(pair[1]);
            }

            var posted = await browser.PostFormAsync("/admin/broadcasts/edit?handler=Count", compose, fields);
            posted.StatusCode.Should().Be(HttpStatusCode.OK, $"{query}: the form is shown again with the reason");
            var counted = await posted.ReadHtmlAsync();
            counted.QuerySelector(".errors")!.TextContent.Should().Contain(reason, query);
            counted.QuerySelector(".recipient-count")!.TextContent.Should().BeEmpty(query);

            // Nor can it be saved as an audience to reuse.
            fields["Input.AudienceName"] = "Странная";
            var saved = await (await browser.PostFormAsync("/admin/broadcasts/edit?handler=SaveAudience", counted, fields)).ReadHtmlAsync();
            saved.QuerySelector(".errors")!.TextContent.Should().Contain(reason, query);
        }

        await using var db = database.CreateContext();
        (await db.Broadcasts.CountAsync()).Should().Be(0);
        (await db.SavedAudiences.CountAsync()).Should().Be(0, "an audience that makes no sense is not kept");
    }
}
