using System.Globalization;
using HookahLounge.Core.Audit;
using HookahLounge.Core.Broadcasts;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Staff;
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
}
