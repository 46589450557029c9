using HookahLounge.Bot.Conversations.Home;
using HookahLounge.Testing;

namespace HookahLounge.Bot.Tests;

/// <summary>The guest's first steps through the real Telegram.Bot client against the fake Bot API.</summary>
public sealed class HomeConversationTests : IAsyncLifetime
{
    private BotHost _host = null!;
    private long _chat = 7001;

    public async Task InitializeAsync() => _host = await BotHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private long Id() => _host.Telegram.NextUpdateId();

    private Task PassAgeGateAsync(long chat) => _host.PassAgeGateAsync(chat);

    [Fact]
    public async Task Start_asks_for_age_and_confirming_opens_the_main_menu()
    {
        var greeting = await _host.SendAsync(_chat, Updates.Text(Id(), _chat, "/start"), expectedCalls: 2);

        greeting[0].Method.Should().Be("sendmessage");
        greeting[0].Text.Should().Contain("Облака Лаунж");
        greeting[1].Text.Should().Contain("старше 18 лет");
        greeting[1].ButtonData.Should().Equal("age:yes", "age:no");
        (await _host.SessionAsync(_chat))!.State.Should().Be(nameof(HomeConversation.HomeDialog.State.AwaitingAge));

        var confirmId = Id();
        var menu = await _host.SendAsync(_chat, Updates.Button(confirmId, _chat, "age:yes", messageId: 2));

        menu.Single().Method.Should().Be("editmessagetext");
        menu.Single().Body["message_id"]!.GetValue<int>().Should().Be(2);
        menu.Single().ButtonData.Should().Equal("home:menu", "home:book", "home:mine", "home:promos", "home:contacts", "home:settings");
        menu.Single().ButtonTexts.Should().Contain(["📋 Меню", "📅 Забронировать стол", "📍 Контакты"]);
        await _host.Telegram.WaitForAsync(calls => calls.Any(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{confirmId}"));

        (await _host.CustomerAsync(_chat))!.AgeConfirmedAtUtc.Should().NotBeNull();
        (await _host.SessionAsync(_chat))!.State.Should().Be(nameof(HomeConversation.HomeDialog.State.MainMenu));
    }

    [Fact]
    public async Task Declining_age_refuses_service_and_start_asks_again()
    {
        await _host.SendAsync(_chat, Updates.Text(Id(), _chat, "/start"), expectedCalls: 2);

        var refusal = await _host.SendAsync(_chat, Updates.Button(Id(), _chat, "age:no", messageId: 2));
        refusal.Single().Text.Should().Contain("младше 18 лет");
        (await _host.CustomerAsync(_chat))!.AgeConfirmedAtUtc.Should().BeNull();

        var menuAttempt = await _host.SendAsync(_chat, Updates.Text(Id(), _chat, "/menu"));
        menuAttempt.Single().Text.Should().Contain("младше 18 лет", "the menu of a tobacco venue is not shown before the age is confirmed");

        var again = await _host.SendAsync(_chat, Updates.Text(Id(), _chat, "/start"), expectedCalls: 2);
        again[1].ButtonData.Should().Equal("age:yes", "age:no");
    }

    [Fact]
    public async Task Returning_guest_who_confirmed_age_goes_straight_to_the_menu()
    {
        await PassAgeGateAsync(_chat);

        var menu = await _host.SendAsync(_chat, Updates.Text(Id(), _chat, "/start"));

        menu.Single().Text.Should().Contain("Чем можем помочь");
        menu.Single().ButtonData.Should().Contain("home:menu");
    }

    [Fact]
    public async Task Contacts_send_the_venue_the_address_and_hours_past_midnight()
    {
        await PassAgeGateAsync(_chat);

        var contacts = await _host.SendAsync(_chat, Updates.Button(Id(), _chat, "home:contacts", messageId: 2), expectedCalls: 2);

        var venue = contacts.Single(c => c.Method == "sendvenue");
        venue.Body["latitude"]!.GetValue<double>().Should().BeApproximately(55.759256, 1e-6);
        venue.Body["longitude"]!.GetValue<double>().Should().BeApproximately(37.645873, 1e-6);
        venue.Body["address"]!.GetValue<string>().Should().Contain("Покровка");
        var text = contacts.Single(c => c.Method == "sendmessage").Text;
        text.Should().Contain("+7 (495) 123-45-67").And.Contain("пятница: 14:00–04:00").And.Contain("понедельник: 14:00–02:00");
        contacts.Single(c => c.Method == "sendmessage").Body["reply_markup"]!.ToJsonString().Should().Contain("https://yandex.ru/maps/?pt=37.645873,55.759256");
    }

    [Fact]
    public async Task Menu_lists_sections_and_a_section_lists_items_with_prices_each_one_tap_from_its_card()
    {
        await PassAgeGateAsync(_chat);

        var sections = await _host.SendAsync(_chat, Updates.Button(Id(), _chat, "home:menu", messageId: 2));
        sections.Single().ButtonTexts.Should().Contain(["Кальяны", "Чай и напитки", "Закуски и десерты"]);
        var hookahs = sections.Single().ButtonData.First(d => d.StartsWith("or:cat:", StringComparison.Ordinal));

        var section = await _host.SendAsync(_chat, Updates.Button(Id(), _chat, hookahs, messageId: 2));

        section.Single().Text.Should().Contain("Классический").And.Contain("1\u00A0400\u00A0₽").And.Contain("Глиняная чаша");
        section.Single().ButtonTexts.Should().Contain("Классический · 1\u00A0400\u00A0₽", "browsing the menu and ordering from it are one place");
        section.Single().ButtonData.Should().Contain(["or:back", "or:quit"]);
    }

    [Fact]
    public async Task Promotions_are_listed_with_event_dates()
    {
        await PassAgeGateAsync(_chat);

        var promos = await _host.SendAsync(_chat, Updates.Button(Id(), _chat, "home:promos", messageId: 2));

        promos.Single().Text.Should().Contain("Счастливые часы").And.Contain("DJ-вечер");
    }

    [Fact]
    public async Task My_orders_and_bookings_says_when_there_are_none()
    {
        await PassAgeGateAsync(_chat);

        var mine = await _host.SendAsync(_chat, Updates.Button(Id(), _chat, "home:mine", messageId: 2));

        mine.Single().Text.Should().Contain("нет заказов и броней");
    }

    [Fact]
    public async Task Switching_language_to_english_changes_the_bot_texts_and_is_remembered()
    {
        await PassAgeGateAsync(_chat);
        await _host.SendAsync(_chat, Updates.Button(Id(), _chat, "home:settings", messageId: 2));

        var settings = await _host.SendAsync(_chat, Updates.Button(Id(), _chat, "set:lang:en", messageId: 2));
        settings.Single().Text.Should().Contain("Language: English");

        var menu = await _host.SendAsync(_chat, Updates.Button(Id(), _chat, "home:main", messageId: 2));
        menu.Single().Text.Should().Contain("How can we help?");
        (await _host.CustomerAsync(_chat))!.Language.Should().Be("en");
    }

    [Fact]
    public async Task Promo_news_can_be_switched_on_and_off_in_settings()
    {
        await PassAgeGateAsync(_chat);
        await _host.SendAsync(_chat, Updates.Button(Id(), _chat, "home:settings", messageId: 2));

        var on = await _host.SendAsync(_chat, Updates.Button(Id(), _chat, "set:news:on", messageId: 2));
        on.Single().ButtonData.Should().Contain("set:news:off");
        (await _host.CustomerAsync(_chat))!.PromoOptIn.Should().BeTrue();

        await _host.SendAsync(_chat, Updates.Button(Id(), _chat, "set:news:off", messageId: 2));
        (await _host.CustomerAsync(_chat))!.PromoOptIn.Should().BeFalse();
    }

    [Fact]
    public async Task A_guest_whose_telegram_speaks_english_is_greeted_in_english()
    {
        var greeting = await _host.SendAsync(_chat, Updates.Text(Id(), _chat, "/start", language: "en-GB"), expectedCalls: 2);

        greeting[1].Text.Should().Contain("18 and over");
        greeting[1].ButtonTexts.Should().Contain("✅ Yes, I am 18+");
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        await PassAgeGateAsync(_chat);

        var help = await _host.SendAsync(_chat, Updates.Text(Id(), _chat, "/help"));

        help.Single().Text.Should().Contain("/menu").And.Contain("/contacts");
    }

    [Fact]
    public async Task Polling_publishes_the_command_menu_in_both_languages()
    {
        var calls = await _host.Telegram.WaitForAsync(all => all.Count(c => c.Method == "setmycommands") >= 2);

        calls.Should().Contain(c => c.Method == "deletewebhook");
        calls.Where(c => c.Method == "setmycommands").Select(c => c.Body["commands"]![0]!["description"]!.GetValue<string>())
            .Should().Contain(["Главное меню", "Main menu"]);
    }
}
