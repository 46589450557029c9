using HookahLounge.Core.Broadcasts;
using HookahLounge.Core.Customers;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Bot.Tests;

/// <summary>Consent to promo news in the bot: the one-time question, Settings, /stop, the unsubscribe button, the birthday.</summary>
public sealed class PromoConsentTests : IAsyncLifetime
{
    private const long Chat = 9701;
    private BotHost _host = null!;
    private int _hookahs;
    private int _classic;

    public async Task InitializeAsync()
    {
        _host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        await using var db = _host.Database.CreateContext();
        _hookahs = await db.MenuCategories.Where(c => c.Slug == "hookahs").Select(c => c.Id).SingleAsync();
        _classic = await db.MenuItems.Where(i => i.Name == "Классический").Select(i => i.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<BotApiCall> PressAsync(string data, int expectedCalls = 1) => _host.PressAsync(Chat, data, expectedCalls);

    private async Task<Customer> GuestAsync() => (await _host.CustomerAsync(Chat))!;

    private async Task<List<ConsentChange>> ConsentLogAsync()
    {
        await using var db = _host.Database.CreateContext();
        return await db.ConsentChanges.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
    }

    /// <summary>A classic hookah to take away; returns the "order placed" message.</summary>
    private async Task<BotApiCall> OrderAsync(bool phoneKnown, int round)
    {
        await PressAsync("home:menu");
        await PressAsync($"or:cat:{_hookahs}");
        await PressAsync($"or:item:{_classic}");
        await PressAsync("or:add");
        await PressAsync("or:checkout");
        var times = await PressAsync("or:type:pickup");
        await PressAsync(times.ButtonData.First(d => d.StartsWith("or:at:", StringComparison.Ordinal)));
        if (!phoneKnown)
        {
            await _host.SendAsync(Chat, Updates.Contact(_host.Telegram.NextUpdateId(), Chat, "79161234567"), expectedCalls: 2);
        }

        await _host.SayAsync(Chat, $"Заказ {round}");
        return await PressAsync("or:ok");
    }

    [Fact]
    public async Task The_news_question_comes_once_under_the_first_order_and_a_yes_leads_to_the_birthday()
    {
        await _host.PassAgeGateAsync(Chat);

        var first = await OrderAsync(phoneKnown: false, round: 1);
        first.Text.Should().Contain("оформлен").And.Contain("Хотите получать новости");
        first.ButtonData.Should().Contain(["news:yes", "news:no", "home:mine"]);
        (await GuestAsync()).NewsAskedAtUtc.Should().NotBeNull();

        var second = await OrderAsync(phoneKnown: true, round: 2);
        second.Text.Should().Contain("оформлен").And.NotContain("Хотите получать новости", "the question is asked once");
        second.ButtonData.Should().NotContain("news:yes");

        var answer = await _host.SendAsync(Chat, Updates.Button(_host.Telegram.NextUpdateId(), Chat, "news:yes", messageId: 7), expectedCalls: 2);
        answer.Should().OnlyContain(c => c.Method == "sendmessage", "the order message stays as it is");
        answer[0].Text.Should().Contain("подписаны");
        answer[1].Text.Should().Contain("день рождения");
        answer[1].ButtonData.Should().Equal("news:skip");
        (await GuestAsync()).PromoOptIn.Should().BeTrue();

        var wrong = await _host.SayAsync(Chat, "скоро");
        wrong.Single().Text.Should().Contain("Не получилось прочитать дату").And.Contain("день рождения");
        (await GuestAsync()).Birthday.Should().BeNull();

        var saved = await _host.SayAsync(Chat, "25.12");
        saved.Single().Text.Should().Contain("Запомнили: 25 декабря");
        (await GuestAsync()).Birthday.Should().Be(new DateOnly(2000, 12, 25));
        (await ConsentLogAsync()).Should().ContainSingle().Which.Should().Match<ConsentChange>(c => c.Granted && c.Source == ConsentSource.BotQuestion && c.Channel == ConsentChannel.Telegram);

        // A third order still does not ask, and typed text is no longer taken as a birthday.
        var third = await OrderAsync(phoneKnown: true, round: 3);
        third.Text.Should().NotContain("Хотите получать новости");
    }

    [Fact]
    public async Task Stop_and_the_unsubscribe_button_opt_out_any_time_and_each_change_is_logged()
    {
        await _host.PassAgeGateAsync(Chat);
        for (var round = 1; round <= 2; round++)
        {
            await PressAsync("home:settings");
            var on = await PressAsync("set:news:on");
            on.Text.Should().Contain("включены");
            (await GuestAsync()).PromoOptIn.Should().BeTrue();

            var stopped = (await _host.SayAsync(Chat, "/stop")).Single();
            stopped.Text.Should().Contain("отписались");
            (await GuestAsync()).PromoOptIn.Should().BeFalse();

            await PressAsync("home:settings");
            await PressAsync("set:news:on");
            var viaButton = await _host.SendAsync(Chat, Updates.Button(_host.Telegram.NextUpdateId(), Chat, "news:stop:42", messageId: 9));
            viaButton.Should().ContainSingle().Which.Method.Should().Be("sendmessage", "the promo message itself is left in the chat");
            viaButton[0].Text.Should().Contain("отписались");
            (await GuestAsync()).PromoOptIn.Should().BeFalse();
        }

        var again = (await _host.SayAsync(Chat, "/stop")).Single();
        again.Text.Should().Contain("отписались", "a second /stop is answered politely");
        var log = await ConsentLogAsync();
        log.Select(c => (c.Granted, c.Source)).Should().Equal(
            (true, ConsentSource.BotSettings), (false, ConsentSource.BotStopCommand), (true, ConsentSource.BotSettings), (false, ConsentSource.PromoButton),
            (true, ConsentSource.BotSettings), (false, ConsentSource.BotStopCommand), (true, ConsentSource.BotSettings), (false, ConsentSource.PromoButton));

        var menu = await _host.SendAsync(Chat, Updates.Text(_host.Telegram.NextUpdateId(), Chat, "/start"));
        menu[^1].ButtonData.Should().Contain("home:menu", "after /stop the guest is home as usual");
    }

    [Fact]
    public async Task Promo_buttons_open_the_menu_or_the_booking_on_the_events_date_without_replacing_the_promo()
    {
        await _host.PassAgeGateAsync(Chat);
        for (var round = 1; round <= 2; round++)
        {
            await _host.Telegram.SettleAsync();
            var menu = await _host.SendAsync(Chat, Updates.Button(_host.Telegram.NextUpdateId(), Chat, "news:menu", messageId: 11));
            menu[^1].Method.Should().Be("sendmessage");
            menu[^1].ButtonData.Should().Contain($"or:cat:{_hookahs}");

            var calendar = await PressAsync("home:book");
            var date = calendar.ButtonData.First(d => d.StartsWith("bk:date:", StringComparison.Ordinal))["bk:date:".Length..];
            await PressAsync("home:main");
            var party = await _host.SendAsync(Chat, Updates.Button(_host.Telegram.NextUpdateId(), Chat, $"news:book:{date}", messageId: 12));
            party[^1].Method.Should().Be("sendmessage");
            party[^1].ButtonData.Should().Contain(["bk:party:2", "bk:party:4"], "the booking opens at the party step for the promo's date");
            await PressAsync("bk:quit");
        }
    }

    [Fact]
    public async Task The_birthday_is_set_in_settings_and_a_bad_date_changes_nothing()
    {
        await _host.PassAgeGateAsync(Chat);
        var settings = await PressAsync("home:settings");
        settings.Text.Should().Contain("День рождения: не указан");
        settings.ButtonData.Should().Contain("set:bday");

        var question = await PressAsync("set:bday");
        question.Text.Should().Contain("день рождения");
        (await _host.SayAsync(Chat, "31.02")).Single().Text.Should().Contain("Не получилось");
        (await GuestAsync()).Birthday.Should().BeNull();
        (await _host.SayAsync(Chat, "29.02")).Single().Text.Should().Contain("Запомнили: 29 февраля");
        (await GuestAsync()).Birthday.Should().Be(new DateOnly(2000, 2, 29));

        var shown = await PressAsync("home:settings");
        shown.Text.Should().Contain("День рождения: 29 февраля");
        await PressAsync("set:bday");
        var skipped = await PressAsync("news:skip");
        skipped.Text.Should().Contain("Указать день рождения можно");
        (await GuestAsync()).Birthday.Should().Be(new DateOnly(2000, 2, 29), "skipping keeps what was given");
    }
}
