using System.Net;
using HookahLounge.Core.Data;
using HookahLounge.Core.Notifications;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Admin.Tests.Pages;

public sealed class NotificationsPageTests
{
    [Fact]
    public async Task Staff_see_failed_notifications_with_their_error_and_can_send_them_again()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Preferred);
        await using var telegram = await FakeTelegram.StartAsync();
        await using var app = new LoungeAppFactory(database, telegram, new Dictionary<string, string?> { ["Notifications:PollIntervalSeconds"] = "0.2" }).Start();
        await StaffBrowser.CreateAccountAsync(app, "manager", "manager-password", StaffRole.Manager);
        long id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LoungeDbContext>();
            var message = new OutboxMessage
            {
                Key = "manual:1", Channel = NotificationChannel.Telegram, ChatId = 4242, Text = "Ваш кальян готов",
                Status = OutboxStatus.Failed, Attempts = 8, LastError = "Telegram was down", CreatedAtUtc = DateTime.UtcNow, NextAttemptAtUtc = DateTime.UtcNow,
            };
            db.Outbox.Add(message);
            await db.SaveChangesAsync();
            id = message.Id;
        }

        var browser = new StaffBrowser(app);
        await browser.LoginAsync("manager", "manager-password");
        var page = await browser.GetPageAsync("/admin/notifications?status=Failed");
        var row = page.QuerySelectorAll("table.grid tbody tr").Single();
        row.TextContent.Should().Contain("Ваш кальян готов").And.Contain("Telegram was down").And.Contain("ошибка");

        var response = await browser.PostFormAsync($"/admin/notifications?handler=Retry&id={id}", page, []);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await telegram.WaitForAsync(calls => calls.Any(c => c.ChatId == 4242 && c.Text == "Ваш кальян готов"));
        await using var read = database.CreateContext();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await read.Outbox.AsNoTracking().SingleAsync(m => m.Id == id)).Status != OutboxStatus.Sent && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        (await read.Outbox.AsNoTracking().SingleAsync(m => m.Id == id)).Status.Should().Be(OutboxStatus.Sent);
    }

    [Fact]
    public async Task A_sent_notification_cannot_be_sent_again()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Preferred);
        await using var app = new LoungeAppFactory(database, settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        await StaffBrowser.CreateAccountAsync(app, "manager", "manager-password", StaffRole.Manager);
        long id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LoungeDbContext>();
            var message = new OutboxMessage
            {
                Key = "manual:2", Channel = NotificationChannel.Telegram, ChatId = 4243, Text = "Готово",
                Status = OutboxStatus.Sent, Attempts = 1, CreatedAtUtc = DateTime.UtcNow, NextAttemptAtUtc = DateTime.UtcNow, SentAtUtc = DateTime.UtcNow,
            };
            db.Outbox.Add(message);
            await db.SaveChangesAsync();
            id = message.Id;
        }

        var browser = new StaffBrowser(app);
        await browser.LoginAsync("manager", "manager-password");
        var page = await browser.GetPageAsync("/admin/notifications");
        page.QuerySelectorAll("table.grid tbody tr button").Should().BeEmpty();

        await browser.PostFormAsync($"/admin/notifications?handler=Retry&id={id}", page, []);

        (await browser.GetPageAsync("/admin/notifications")).QuerySelector(".flash")!.TextContent.Should().Contain("нельзя отправить повторно");
        await using var read = database.CreateContext();
        (await read.Outbox.SingleAsync(m => m.Id == id)).Status.Should().Be(OutboxStatus.Sent);
    }

    [Fact]
    public async Task An_owner_links_a_staff_members_telegram_account_and_bad_ids_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Preferred);
        await using var app = new LoungeAppFactory(database);
        await StaffBrowser.CreateAccountAsync(app, "owner", "owner-password", StaffRole.Owner);
        var waiter = await StaffBrowser.CreateAccountAsync(app, "waiter", "waiter-password", StaffRole.Staff);
        var browser = new StaffBrowser(app);
        await browser.LoginAsync("owner", "owner-password");

        var page = await browser.GetPageAsync("/admin/staff");
        await browser.PostFormAsync("/admin/staff?handler=Telegram", page, new() { ["id"] = waiter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["telegramUserId"] = "123456789" });
        page = await browser.GetPageAsync("/admin/staff");
        page.QuerySelector(".flash")!.TextContent.Should().Contain("Telegram привязан к waiter");

        await browser.PostFormAsync("/admin/staff?handler=Telegram", page, new() { ["id"] = waiter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["telegramUserId"] = "не число" });
        (await browser.GetPageAsync("/admin/staff")).QuerySelector(".flash")!.TextContent.Should().Contain("Ничего не изменено");

        await using var read = database.CreateContext();
        (await read.StaffUsers.SingleAsync(u => u.Login == "waiter")).TelegramUserId.Should().Be(123456789);
    }
}
