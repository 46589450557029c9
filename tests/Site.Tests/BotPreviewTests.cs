using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using HookahLounge.Bot.Preview;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Site.Tests;

/// <summary>The bot in the browser: the stand-in Bot API over HTTP, and the whole guest → staff loop through the page's forms.</summary>
public sealed class BotPreviewTests : IAsyncLifetime
{
    private LoungeAppFactory _app = null!;

    public async Task InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync(TestDatabase.Preferred);
        _app = new LoungeAppFactory(database, settings: new Dictionary<string, string?>
        {
            [BotPreviewRegistration.EnabledKey] = "true",
            ["Notifications:PollIntervalSeconds"] = "0.2",
        }).Start();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _app.Database.DisposeAsync();
    }

    private BotPreview Preview => _app.Services.GetRequiredService<BotPreview>();

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Never saw {what}.");
    }

    [Fact]
    public async Task The_stand_in_answers_the_bot_api_methods_the_bot_uses_in_telegrams_format()
    {
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var api = $"/preview-bot-api/bot{BotPreview.Token}";
        var guest = Preview.AddGuest("Проверка", "ru");

        var me = await (await client.PostAsJsonAsync($"{api}/getMe", new { })).Content.ReadFromJsonAsync<JsonObject>();
        me!["ok"]!.GetValue<bool>().Should().BeTrue();
        me["result"]!["is_bot"]!.GetValue<bool>().Should().BeTrue();

        var sent = await (await client.PostAsJsonAsync($"{api}/sendMessage", new { chat_id = guest.Id, text = "<b>Привет</b>", parse_mode = "HTML", reply_markup = new { inline_keyboard = new[] { new[] { new { text = "Да", callback_data = "age:yes" } } } } }))
            .Content.ReadFromJsonAsync<JsonObject>();
        var messageId = sent!["result"]!["message_id"]!.GetValue<int>();
        Preview.Find(guest.Id)!.Messages.Last().InlineKeyboard.Should().NotBeNull();

        (await client.PostAsJsonAsync($"{api}/editMessageText", new { chat_id = guest.Id, message_id = messageId, text = "Изменено" })).StatusCode.Should().Be(HttpStatusCode.OK);
        Preview.Find(guest.Id)!.Messages.Last().Should().Match<PreviewMessage>(m => m.Edited && m.Text == "Изменено" && m.InlineKeyboard == null);
        var same = await client.PostAsJsonAsync($"{api}/editMessageText", new { chat_id = guest.Id, message_id = messageId, text = "Изменено" });
        same.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await same.Content.ReadFromJsonAsync<JsonObject>())!["description"]!.GetValue<string>().Should().Contain("message is not modified");

        (await client.PostAsJsonAsync($"{api}/sendMessage", new { chat_id = guest.Id, text = "Телефон?", reply_markup = new { keyboard = new[] { new[] { new { text = "📱", request_contact = true } } } } })).EnsureSuccessStatusCode();
        Preview.Find(guest.Id)!.ReplyKeyboard.Should().NotBeNull();
        (await client.PostAsJsonAsync($"{api}/sendMessage", new { chat_id = guest.Id, text = "Спасибо", reply_markup = new { remove_keyboard = true } })).EnsureSuccessStatusCode();
        Preview.Find(guest.Id)!.ReplyKeyboard.Should().BeNull();
        (await client.PostAsJsonAsync($"{api}/sendVenue", new { chat_id = guest.Id, latitude = 55.75, longitude = 37.64, title = "Лаунж", address = "Покровка" })).EnsureSuccessStatusCode();
        Preview.Find(guest.Id)!.Messages.Last().Kind.Should().Be("venue");

        (await client.PostAsJsonAsync($"{api}/sendMessage", new { chat_id = 123, text = "x" })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "real Telegram chats are never reached");
        (await client.PostAsJsonAsync($"/preview-bot-api/bot123:wrong/getMe", new { })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync($"{api}/sendDice", new { chat_id = guest.Id })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Telegram_html_is_shown_as_telegram_would_and_nothing_else_runs()
    {
        TelegramHtml.ToSafeHtml("<b>Заказ</b> &amp; <i>чай</i>\n<script>alert(1)</script><a href=\"https://example.org\">сайт</a><a href=\"javascript:x\">x</a>")
            .Should().Be("<b>Заказ</b> &amp; <i>чай</i><br>&lt;script&gt;alert(1)&lt;/script&gt;<a href=\"https://example.org\" rel=\"noopener noreferrer\" target=\"_blank\">сайт</a>&lt;a href=&quot;javascript:x&quot;&gt;x&lt;/a&gt;");
    }

    [Fact]
    public async Task With_bot_verification_the_booking_page_links_to_the_preview_where_the_booking_is_confirmed()
    {
        await using var app = new LoungeAppFactory(await TestDatabase.CreateAsync("Sqlite"), settings: new Dictionary<string, string?>
        {
            [BotPreviewRegistration.EnabledKey] = "true",
            ["Notifications:DispatcherEnabled"] = "false",
            ["PublicBookings:Verification"] = "Bot",
        }).Start();
        var preview = app.Services.GetRequiredService<BotPreview>();
        Core.Bookings.Booking booking;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            booking = (await scope.ServiceProvider.GetRequiredService<Core.Bookings.BookingService>().CreateAsync(new Core.Bookings.BookingRequest(
                TestDates.NextWednesday(), new TimeOnly(19, 0), 2, 120, Core.Bookings.BookingSource.Site, "Мария", "+7 916 123-45-67", ConsentGiven: true))).Booking!;
        }

        await StaffBrowser.CreateAccountAsync(app, "anna", "anna-password-1", StaffRole.Staff);
        var staff = new StaffBrowser(app);
        await staff.LoginAsync("anna", "anna-password-1");
        var view = await staff.GetPageAsync($"/booking/{booking.Code}?token={booking.AccessToken}");
        var href = view.QuerySelector(".telegram-confirm a")!.GetAttribute("href")!;
        href.Should().Be($"/admin/bot?start=bk_{Core.Bookings.BookingService.TelegramToken(booking)}", "without Telegram the preview stands in for the t.me link");

        var linked = await staff.GetPageAsync(href);
        linked.QuerySelector(".preview-start")!.TextContent.Should().Contain("bk_");
        await staff.PostFormAsync("/admin/bot?handler=NewGuest", linked, new() { ["start"] = href.Split("start=")[1] });
        var guest = preview.Guests.Single();
        var card = await EventuallyAsync(() => preview.Find(guest.Id)!.Messages.FirstOrDefault(m => m.Text?.Contains($"Подтвердите бронь {booking.Code}") == true), "the booking to confirm");
        var confirm = card.InlineKeyboard!.Single()!.AsArray().Single()!["callback_data"]!.GetValue<string>();
        var page = await staff.GetPageAsync($"/admin/bot?chat={guest.Id}");
        await staff.PostFormAsync("/admin/bot?handler=Press", page, new() { ["chat"] = guest.Id.ToString(), ["messageId"] = card.Id.ToString(), ["data"] = confirm });

        await EventuallyAsync(() => preview.Find(guest.Id)!.Messages.FirstOrDefault(m => m.Text?.Contains("подтверждена") == true), "the confirmation");
        await using var db = app.Database.CreateContext();
        (await db.Bookings.SingleAsync()).AwaitingVerification.Should().BeFalse();
        await app.Database.DisposeAsync();
    }

    [Fact]
    public async Task A_guest_orders_through_the_preview_page_staff_accept_it_in_the_staff_chat_and_the_guest_sees_it()
    {
        await StaffBrowser.CreateAccountAsync(_app, "anna", "anna-password-1", StaffRole.Staff);
        var staff = new StaffBrowser(_app);
        (await staff.LoginAsync("anna", "anna-password-1")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = await staff.GetPageAsync("/admin/bot");
        page.QuerySelector("h1")!.TextContent.Should().Contain("Бот");

        await staff.PostFormAsync("/admin/bot?handler=NewGuest", page, new() { ["name"] = "Олег", ["language"] = "ru" });
        var guest = Preview.Guests.Single();
        await EventuallyAsync(() => Preview.Find(guest.Id)!.Messages.FirstOrDefault(m => m.Text?.Contains("18 лет") == true), "the age question");

        async Task PressAsync(string data)
        {
            var chat = Preview.Find(guest.Id)!;
            var message = chat.Messages.Last(m => m.InlineKeyboard?.ToJsonString().Contains($"\"{data}\"") == true);
            var version = chat.Version;
            var current = await staff.GetPageAsync($"/admin/bot?chat={guest.Id}");
            current.QuerySelectorAll("form input[name=data]").Select(i => i.GetAttribute("value")).Should().Contain(data, "the page shows the bot's buttons");
            await staff.PostFormAsync("/admin/bot?handler=Press", current, new() { ["chat"] = guest.Id.ToString(), ["messageId"] = message.Id.ToString(), ["data"] = data });
            await EventuallyAsync(() => chat.Version > version + 0 ? chat : null, $"an answer to {data}");
        }

        string Button(string prefix, string label) =>
            Preview.Find(guest.Id)!.Messages.Last().InlineKeyboard!.SelectMany(r => r!.AsArray()).First(b => b!["text"]!.GetValue<string>().StartsWith(label, StringComparison.Ordinal))!["callback_data"]!.GetValue<string>();

        await PressAsync("age:yes");
        await EventuallyAsync(() => Preview.Find(guest.Id)!.Messages.Last().Text?.Contains("Чем можем помочь") == true ? "" : null, "the main menu");
        await PressAsync("home:menu");
        await EventuallyAsync(() => Preview.Find(guest.Id)!.Messages.Last().Text?.Contains("выберите раздел") == true ? "" : null, "the sections");
        await PressAsync(Button("or:cat:", "Кальяны"));
        await EventuallyAsync(() => Preview.Find(guest.Id)!.Messages.Last().Text?.Contains("Классический") == true ? "" : null, "the hookahs");
        await PressAsync(Button("or:item:", "Классический"));
        await EventuallyAsync(() => Preview.Find(guest.Id)!.Messages.Last().Text?.Contains("Крепость") == true ? "" : null, "the card");
        await PressAsync("or:add");
        await EventuallyAsync(() => Preview.Find(guest.Id)!.Messages.Last().Text?.Contains("Корзина") == true ? "" : null, "the cart");
        await PressAsync("or:checkout");
        await PressAsync("or:type:table");
        await EventuallyAsync(() => Preview.Find(guest.Id)!.Messages.Last().Text?.Contains("За каким вы столом") == true ? "" : null, "the tables");
        var typed = await staff.GetPageAsync($"/admin/bot?chat={guest.Id}");
        await staff.PostFormAsync("/admin/bot?handler=Say", typed, new() { ["chat"] = guest.Id.ToString(), ["text"] = "5" });
        await EventuallyAsync(() => Preview.Find(guest.Id)!.Messages.Last().Text?.Contains("Комментарий") == true ? "" : null, "the comment step");
        await PressAsync("or:nocomment");
        await PressAsync("or:ok");

        var staffPost = await EventuallyAsync(() => Preview.StaffChat.Messages.FirstOrDefault(m => m.Text?.Contains("Заказ №") == true && m.InlineKeyboard is not null), "the order in the staff chat");
        var accept = staffPost.InlineKeyboard!.SelectMany(r => r!.AsArray()).First(b => b!["callback_data"]!.GetValue<string>().StartsWith("staff:order:accept:", StringComparison.Ordinal))!["callback_data"]!.GetValue<string>();
        var board = await staff.GetPageAsync($"/admin/bot?chat={guest.Id}");
        board.QuerySelectorAll("section.staff input[name=data]").Select(i => i.GetAttribute("value")).Should().Contain(accept);
        await staff.PostFormAsync("/admin/bot?handler=StaffPress", board, new() { ["chat"] = guest.Id.ToString(), ["messageId"] = staffPost.Id.ToString(), ["data"] = accept });

        await EventuallyAsync(() => Preview.Find(guest.Id)!.Messages.FirstOrDefault(m => m.Text?.Contains("принят") == true), "the guest's card saying the order was accepted");
        await EventuallyAsync(() => Preview.StaffChat.Messages.FirstOrDefault(m => m.Id == staffPost.Id && m.Text?.Contains("Статус: <b>принят</b> — anna") == true), "the staff post edited to accepted");
        var shown = await staff.GetPageAsync($"/admin/bot?chat={guest.Id}");
        shown.QuerySelectorAll("section.tg-chat:not(.staff) .tg-text").Select(t => t.TextContent).Should().Contain(t => t.Contains("принят"));

        await using var db = _app.Database.CreateContext();
        var order = await db.Orders.Include(o => o.Customer).SingleAsync();
        order.Status.Should().Be(OrderStatus.Accepted);
        order.Customer!.TelegramChatId.Should().Be(guest.Id);
        (await db.OrderStatusChanges.SingleAsync()).ByName.Should().Be("anna");
    }
}
