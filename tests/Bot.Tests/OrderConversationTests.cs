using HookahLounge.Core.Notifications;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Visits;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Bot.Tests;

/// <summary>Ordering from Telegram through the real client against the fake Bot API; every journey is done twice.</summary>
public sealed class OrderConversationTests : IAsyncLifetime
{
    private const long Chat = 9501;
    private BotHost _host = null!;
    private readonly Dictionary<string, int> _ids = [];

    public async Task InitializeAsync()
    {
        _host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        await using var db = _host.Database.CreateContext();
        _ids["hookahs"] = await db.MenuCategories.Where(c => c.Slug == "hookahs").Select(c => c.Id).SingleAsync();
        var classic = await db.MenuItems.Include(i => i.OptionGroups).ThenInclude(g => g.Values).SingleAsync(i => i.Name == "Классический");
        _ids["classic"] = classic.Id;
        foreach (var group in classic.OptionGroups)
        {
            _ids[group.Name.Split(' ')[0]] = group.Id;
            foreach (var value in group.Values)
            {
                _ids[$"{group.Name.Split(' ')[0]}:{value.Name}"] = value.Id;
            }
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<BotApiCall> PressAsync(string data, int expectedCalls = 1) => _host.PressAsync(Chat, data, expectedCalls);

    private Task<IReadOnlyList<BotApiCall>> SayAsync(string text, int expectedCalls = 1) => _host.SayAsync(Chat, text, expectedCalls);

    private Task<string> ToastOfAsync(string data) => _host.ToastOfAsync(Chat, data);

    /// <summary>Takeaway at the first time offered; the phone is asked only when the guest has none yet.</summary>
    private async Task CheckoutTakeawayAsync(bool phoneKnown)
    {
        var where = await PressAsync("or:checkout");
        where.ButtonData.Should().Contain(["or:type:table", "or:type:booking", "or:type:pickup"]);
        var times = await PressAsync("or:type:pickup");
        times.Text.Should().Contain("Когда заберёте");
        var next = await PressAsync(times.ButtonData.First(d => d.StartsWith("or:at:", StringComparison.Ordinal)));
        if (phoneKnown)
        {
            next.Text.Should().Contain("Комментарий");
            return;
        }

        next.Body["reply_markup"]!["keyboard"]![0]![0]!["request_contact"]!.GetValue<bool>().Should().BeTrue();
        var afterPhone = await _host.SendAsync(Chat, Updates.Contact(_host.Telegram.NextUpdateId(), Chat, "79161234567"), expectedCalls: 2);
        afterPhone[0].Body["reply_markup"]!["remove_keyboard"]!.GetValue<bool>().Should().BeTrue();
        afterPhone[1].Text.Should().Contain("Комментарий");
    }

    private async Task<List<Order>> OrdersAsync()
    {
        await using var db = _host.Database.CreateContext();
        return await db.Orders.Include(o => o.Lines).OrderBy(o => o.Id).ToListAsync();
    }

    [Fact]
    public async Task A_classic_hookah_with_defaults_reaches_the_cart_in_four_taps_and_the_same_guest_orders_twice()
    {
        await _host.PassAgeGateAsync(Chat);
        for (var round = 1; round <= 2; round++)
        {
            var sections = await PressAsync("home:menu");
            sections.ButtonTexts.Should().Contain(["Кальяны", "Чай и напитки"]);
            await PressAsync($"or:cat:{_ids["hookahs"]}");
            var card = await PressAsync($"or:item:{_ids["classic"]}");
            card.Text.Should().Contain("Табак: на выбор мастера").And.Contain("Крепость: <b>Средний</b>").And.Contain("Чаша: <b>Глиняная</b>").And.Contain("Колба: <b>Вода</b>");
            var cart = await PressAsync("or:add");
            cart.Text.Should().Contain("Корзина").And.Contain("Классический × 1 — 1\u00A0400\u00A0₽");

            await CheckoutTakeawayAsync(phoneKnown: round == 2);
            var summary = await SayAsync($"Заказ номер {round}");
            summary.Single().Text.Should().Contain("Ваш заказ").And.Contain($"Заказ номер {round}").And.Contain("+79161234567");

            var placed = await PressAsync("or:ok");
            placed.Text.Should().Contain("оформлен");
            var orders = await OrdersAsync();
            orders.Should().HaveCount(round, "every order from the chat is a new order");
            placed.Text.Should().Contain($"Заказ №{orders[^1].Id} оформлен");
            orders[^1].Comment.Should().Be($"Заказ номер {round}");
            orders[^1].Lines.Single().OptionsSummary.Should().Contain("Табак: на выбор мастера").And.Contain("Крепость: Средний");
            placed.ButtonData.Should().Contain(["home:mine", "home:main"]);
        }

        await using var db = _host.Database.CreateContext();
        (await db.Outbox.CountAsync(m => m.Key.EndsWith(":staff-new"))).Should().Be(2, "staff hear of both orders");
        (await db.Customers.SingleAsync()).Phone.Should().Be("+79161234567", "the phone is asked once and kept");
    }

    [Fact]
    public async Task A_guest_changes_each_choice_on_the_card_and_back_keeps_the_picks()
    {
        await _host.PassAgeGateAsync(Chat);
        await PressAsync("home:menu");
        await PressAsync($"or:cat:{_ids["hookahs"]}");
        await PressAsync($"or:item:{_ids["classic"]}");

        var tobacco = await PressAsync($"or:grp:{_ids["Табак"]}");
        tobacco.Text.Should().Contain("выберите один вариант");
        tobacco.ButtonTexts.Should().Contain("✓ на выбор мастера");
        (await PressAsync($"or:opt:{_ids["Табак:Darkside"]}")).Text.Should().Contain("Табак: <b>Darkside</b>");

        var flavours = await PressAsync($"or:grp:{_ids["Вкусы"]}");
        flavours.Text.Should().Contain("выберите от 1 до 3");
        (await PressAsync($"or:opt:{_ids["Вкусы:Манго"]}")).ButtonTexts.Should().Contain("✓ Манго");
        await PressAsync($"or:opt:{_ids["Вкусы:Мята"]}");
        var back = await PressAsync("or:back");
        back.Text.Should().Contain("Вкусы (до 3): <b>Манго, Мята</b>").And.Contain("Табак: <b>Darkside</b>", "back keeps what was picked");

        await PressAsync($"or:grp:{_ids["Крепость"]}");
        await PressAsync($"or:opt:{_ids["Крепость:Крепкий"]}");
        await PressAsync($"or:grp:{_ids["Чаша"]}");
        await PressAsync($"or:opt:{_ids["Чаша:Грейпфрут"]}");
        await PressAsync($"or:grp:{_ids["Колба"]}");
        var card = await PressAsync($"or:opt:{_ids["Колба:Молоко"]}");
        card.Text.Should().Contain("Сумма: 2\u00A0150\u00A0₽");
        (await PressAsync("or:qty:2")).Text.Should().Contain("Количество: 2 · Сумма: 4\u00A0300\u00A0₽");

        var before = await _host.SessionAsync(Chat);
        (await ToastOfAsync("or:qty:999")).Should().Contain("Не больше 20");
        (await _host.SessionAsync(Chat))!.DraftJson.Should().Be(before!.DraftJson, "a forged quantity changes nothing");
        (await ToastOfAsync("or:opt:999999")).Should().Contain("больше не действует");

        var cart = await PressAsync("or:add");
        cart.Text.Should().Contain("Классический × 2 — 4\u00A0300\u00A0₽").And.Contain("Итого: <b>4\u00A0300\u00A0₽</b>");
        (await PressAsync("or:inc:0")).Text.Should().Contain("Классический × 3");
        await PressAsync("or:dec:0");
        await CheckoutTakeawayAsync(phoneKnown: false);
        await PressAsync("or:nocomment");
        await PressAsync("or:ok");

        var order = (await OrdersAsync()).Single();
        order.Total.Should().Be(4300);
        order.Lines.Single().OptionsSummary.Should().Be("Табак: Darkside; Вкусы (до 3): Манго, Мята; Крепость: Крепкий; Чаша: Грейпфрут; Колба: Молоко");
    }

    [Fact]
    public async Task Typed_input_commands_and_stickers_inside_the_dialog_are_forgiven()
    {
        await _host.PassAgeGateAsync(Chat);
        await PressAsync("home:menu");
        await PressAsync($"or:cat:{_ids["hookahs"]}");
        await PressAsync($"or:item:{_ids["classic"]}");

        var typed = (await SayAsync("Darkside")).Single();
        typed.Text.Should().Contain("не понял").And.Contain("Классический", "the step is shown again");
        typed.ButtonData.Should().Contain("or:add");
        (await SayAsync("3")).Single().Text.Should().Contain("Количество: 3", "a typed number sets the quantity");
        var sticker = (await _host.SendAsync(Chat, Updates.Sticker(_host.Telegram.NextUpdateId(), Chat))).Single();
        sticker.Text.Should().Contain("понимаю текст и кнопки");
        sticker.ButtonData.Should().Contain("or:add");

        var help = (await SayAsync("/help")).Single();
        help.Text.Should().Contain("/start");
        (await SayAsync("/contacts", expectedCalls: 2))[0].Method.Should().Be("sendvenue");
        var menu = (await SayAsync("/menu")).Single();
        menu.Text.Should().Contain("выберите раздел");
        (await SayAsync("/cancel")).Single().Text.Should().Contain("Чем можем помочь");
    }

    [Fact]
    public async Task A_cart_outlives_leaving_the_dialog_and_is_shown_on_the_main_menu()
    {
        await _host.PassAgeGateAsync(Chat);
        await PressAsync("home:menu");
        await PressAsync($"or:cat:{_ids["hookahs"]}");
        await PressAsync($"or:item:{_ids["classic"]}");
        await PressAsync("or:add");

        var main = (await SayAsync("/start")).Single();
        main.ButtonTexts.Should().Contain("🧺 Корзина (1)");
        var cart = await PressAsync("home:cart");
        cart.Text.Should().Contain("Классический × 1");
        await _host.RestartAsync();
        (await PressAsync("or:inc:0")).Text.Should().Contain("Классический × 2", "the cart survives a restart");
    }

    [Fact]
    public async Task Something_put_on_the_stop_list_before_confirm_is_named_and_not_ordered()
    {
        await _host.PassAgeGateAsync(Chat);
        await PressAsync("home:menu");
        await PressAsync($"or:cat:{_ids["hookahs"]}");
        await PressAsync($"or:item:{_ids["classic"]}");
        await PressAsync($"or:grp:{_ids["Вкусы"]}");
        await PressAsync($"or:opt:{_ids["Вкусы:Мята"]}");
        await PressAsync("or:done");
        await PressAsync("or:add");
        await CheckoutTakeawayAsync(phoneKnown: false);
        await PressAsync("or:nocomment");
        await using (var db = _host.Database.CreateContext())
        {
            await db.MenuOptionValues.Where(v => v.Id == _ids["Вкусы:Мята"]).ExecuteUpdateAsync(s => s.SetProperty(v => v.IsAvailable, false));
        }

        var refused = await PressAsync("or:ok");

        refused.Text.Should().Contain("закончилось").And.Contain("Мята");
        (await OrdersAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_shared_tobacco_list_edited_once_in_the_back_office_shows_on_every_hookah_in_the_bot()
    {
        List<(int Id, string Name)> hookahs;
        await using (var db = _host.Database.CreateContext())
        {
            hookahs = [.. (await db.MenuItems.Where(i => i.Category!.Slug == "hookahs" && i.OptionGroups.Any(g => g.Id == _ids["Табак"])).OrderBy(i => i.SortOrder)
                .Select(i => new { i.Id, i.Name }).ToListAsync()).Select(i => (i.Id, i.Name))];
        }

        hookahs.Should().HaveCount(3);
        await using (var scope = _host.App!.Services.CreateAsyncScope())
        {
            var editor = scope.ServiceProvider.GetRequiredService<HookahLounge.Core.Menu.MenuEditor>();
            (await editor.SaveOptionValueAsync(_ids["Табак:Element"], "Element Mountain", null, 100m)).Should().Be(HookahLounge.Core.Menu.MenuEditError.None);
            (await editor.SetValueAvailableAsync(_ids["Табак:Tangiers"], false)).Should().Be(HookahLounge.Core.Menu.MenuEditError.None);
        }

        await _host.PassAgeGateAsync(Chat);
        await PressAsync("home:menu");
        foreach (var (id, name) in hookahs)
        {
            await PressAsync($"or:cat:{_ids["hookahs"]}");
            (await PressAsync($"or:item:{id}")).Text.Should().Contain(name);
            var tobacco = await PressAsync($"or:grp:{_ids["Табак"]}");
            tobacco.ButtonTexts.Should().Contain(["Element Mountain +100\u00A0₽", "✖ Tangiers"], $"{name} offers the one shared list");
            tobacco.ButtonTexts.Should().NotContain("Element");
            (await ToastOfAsync($"or:opt:{_ids["Табак:Tangiers"]}")).Should().NotBeEmpty("a stopped tobacco cannot be picked on any hookah");
            await PressAsync("or:back");
            await PressAsync("or:back");
            await PressAsync("or:back");
        }
    }

    [Fact]
    public async Task The_section_list_follows_the_stop_list_whether_changed_on_this_host_or_another()
    {
        // The bot keeps the menu in memory between taps; an edit must retire that copy, here at once, elsewhere within the check interval.
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Notifications:DispatcherEnabled"] = "false",
            ["Site:ContentVersionCheckSeconds"] = "0.5",
        });
        int premium;
        await using (var db = host.Database.CreateContext())
        {
            premium = await db.MenuItems.Where(i => i.Name == "Премиум").Select(i => i.Id).SingleAsync();
        }

        async Task<string> SectionAsync()
        {
            await host.PressAsync(Chat, "home:menu");
            return (await host.PressAsync(Chat, $"or:cat:{_ids["hookahs"]}")).Text!;
        }

        await host.PassAgeGateAsync(Chat);
        for (var round = 1; round <= 2; round++)
        {
            (await SectionAsync()).Should().Contain("• <b>Премиум</b>");

            // Staff stop it in the back office of this host.
            await using (var scope = host.App!.Services.CreateAsyncScope())
            {
                (await scope.ServiceProvider.GetRequiredService<HookahLounge.Core.Menu.MenuEditor>().SetItemAvailableAsync(premium, false)).Should().Be(HookahLounge.Core.Menu.MenuEditError.None);
            }

            (await SectionAsync()).Should().Contain("• <s>Премиум</s>", "the edit was made on this host");

            // Another host puts it back: the row and the shared content version change, nothing on this host is told.
            await using (var db = host.Database.CreateContext())
            {
                await db.MenuItems.Where(i => i.Id == premium).ExecuteUpdateAsync(s => s.SetProperty(i => i.IsAvailable, true));
                await db.Set<HookahLounge.Core.Content.ContentVersion>().ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, v => v.Version + 1));
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
            (await SectionAsync()).Should().Contain("• <b>Премиум</b>", "another host's edit is seen after the check interval");
        }
    }

    [Fact]
    public async Task More_guests_opening_the_menu_at_once_than_the_connection_pool_holds_are_all_answered_when_the_content_version_is_due()
    {
        // Each handled update holds a connection for its transaction; re-reading the content version must not need another one.
        var database = await TestDatabase.CreateAsync(HookahLounge.Core.Data.DatabaseProvider.Postgres);
        await using var host = await BotHost.StartOnAsync(database, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Lounge"] = database.ConnectionString + ";Maximum Pool Size=4;Timeout=3",
            ["Notifications:DispatcherEnabled"] = "false",
            ["Site:ContentVersionCheckSeconds"] = "0.05",
        });
        long[] guests = [.. Enumerable.Range(0, 12).Select(i => Chat + 100L + i)];
        foreach (var guest in guests)
        {
            await host.PassAgeGateAsync(guest);
        }

        for (var round = 1; round <= 2; round++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            var before = host.Telegram.CallCount;
            foreach (var guest in guests)
            {
                host.Telegram.Push(Updates.Button(host.Telegram.NextUpdateId(), guest, "home:menu", messageId: 2));
            }

            var calls = await host.Telegram.WaitForAsync(
                all => guests.All(g => all.Skip(before).Any(c => c.ChatId == g && c.Text is { } text && (text.Contains("Кальяны") || text.Contains("Что-то пошло не так")) || c.ChatId == g && c.ButtonTexts.Contains("Кальяны"))),
                TimeSpan.FromSeconds(60));
            var answers = calls.Skip(before).Where(c => c.ChatId is { } chat && guests.Contains(chat) && c.Text is not null).ToList();
            answers.Should().NotContain(c => c.Text!.Contains("Что-то пошло не так"), "no guest is apologised to for a busy pool");
            answers.Where(c => c.ButtonTexts.Contains("Кальяны")).Select(c => c.ChatId).Distinct().Should().HaveCount(guests.Length, "round {0}: every guest sees the sections", round);
        }
    }

    [Fact]
    public async Task Taps_on_a_sold_out_item_or_flavour_are_recorded_as_stop_list_misses_once_per_guest_and_night()
    {
        int premium;
        await using (var db = _host.Database.CreateContext())
        {
            premium = await db.MenuItems.Where(i => i.Name == "Премиум").Select(i => i.Id).SingleAsync();
            await db.MenuItems.Where(i => i.Id == premium).ExecuteUpdateAsync(s => s.SetProperty(i => i.IsAvailable, false));
            await db.MenuOptionValues.Where(v => v.Id == _ids["Вкусы:Мята"]).ExecuteUpdateAsync(s => s.SetProperty(v => v.IsAvailable, false));
        }

        foreach (var chat in new[] { Chat, Chat + 1 })
        {
            await _host.PassAgeGateAsync(chat);
            await _host.PressAsync(chat, "home:menu");
            await _host.PressAsync(chat, $"or:cat:{_ids["hookahs"]}");
            for (var tap = 1; tap <= 2; tap++)
            {
                (await _host.ToastOfAsync(chat, $"or:item:{premium}")).Should().Contain("Этой позиции сейчас нет");
            }

            await _host.PressAsync(chat, $"or:item:{_ids["classic"]}");
            await _host.PressAsync(chat, $"or:grp:{_ids["Вкусы"]}");
            for (var tap = 1; tap <= 2; tap++)
            {
                (await _host.ToastOfAsync(chat, $"or:opt:{_ids["Вкусы:Мята"]}")).Should().Contain("Этой позиции сейчас нет");
            }
        }

        await using var check = _host.Database.CreateContext();
        var misses = await check.StopListMisses.OrderBy(m => m.Id).ToListAsync();
        misses.Select(m => (m.ItemName, m.OptionName, m.Stage)).Should().Equal(
            ("Премиум", null, StopListStage.Menu), ("Классический", "Вкусы (до 3): Мята", StopListStage.Menu),
            ("Премиум", null, StopListStage.Menu), ("Классический", "Вкусы (до 3): Мята", StopListStage.Menu));
        misses.Select(m => m.CustomerId).Distinct().Should().HaveCount(2, "each guest's repeated taps count once");
    }

    [Fact]
    public async Task The_table_qr_opens_a_visit_two_orders_join_it_calls_are_passed_on_once_and_leaving_asks_about_the_bill()
    {
        var greeting = await _host.SendAsync(Chat, Updates.Text(_host.Telegram.NextUpdateId(), Chat, "/start table_5"), expectedCalls: 2);
        greeting[1].ButtonData.Should().Contain("age:yes");
        var atTable = await PressAsync("age:yes");
        atTable.Text.Should().Contain("Вы за столом 5");
        atTable.ButtonData.Should().Contain(["vs:coals", "vs:bill", "vs:end"]);

        for (var round = 1; round <= 2; round++)
        {
            await PressAsync("home:order");
            await PressAsync($"or:cat:{_ids["hookahs"]}");
            await PressAsync($"or:item:{_ids["classic"]}");
            await PressAsync("or:add");
            (await PressAsync("or:checkout")).Text.Should().Contain("Комментарий", "the table is known from the visit");
            await PressAsync("or:nocomment");
            await PressAsync("or:ok");
        }

        (await ToastOfAsync("vs:coals")).Should().Contain("Передали персоналу");
        (await ToastOfAsync("vs:coals")).Should().Contain("Уже передали", "not accepted by staff yet, so nobody is on the way");

        var table = await PressAsync("vs:show");
        table.Text.Should().Contain("Стол 5").And.Contain("2\u00A0800\u00A0₽");
        var bill = await PressAsync("vs:bill");
        bill.Text.Should().Contain("• Классический × 1 — 1\u00A0400\u00A0₽").And.Contain("Как будете платить");
        await PressAsync("vs:pay:cash");
        await PressAsync("vs:bill");
        (await ToastOfAsync("vs:pay:card")).Should().Contain("оплата другим способом");

        var ask = await PressAsync("vs:end");
        ask.Text.Should().Contain("Счёт ещё не оплачен");
        var ended = await PressAsync("vs:endok");
        ended.Text.Should().Contain("Визит завершён");

        await using var db = _host.Database.CreateContext();
        (await db.Orders.CountAsync(o => o.VisitId != null)).Should().Be(2);
        (await db.ServiceCalls.CountAsync(c => c.Kind == ServiceCallKind.ChangeCoals)).Should().Be(1);
        (await db.ServiceCalls.SingleAsync(c => c.Kind == ServiceCallKind.Bill)).PaymentMethod.Should().Be(PaymentMethod.Card);
        (await db.Visits.SingleAsync()).ClosedAtUtc.Should().NotBeNull();
        var staff = await db.Outbox.Select(m => m.Text).ToListAsync();
        staff.Should().Contain(t => t.Contains("гость сменил способ оплаты — карта")).And.Contain(t => t.Contains("гость завершил визит") && t.Contains("счёт ещё не приносили"));
    }

    [Fact]
    public async Task The_main_menu_offers_my_table_while_a_visit_is_open_and_not_once_it_ended_twice_in_a_row()
    {
        await _host.PassAgeGateAsync(Chat);
        (await PressAsync("home:main")).ButtonData.Should().NotContain("vs:show");

        for (var round = 1; round <= 2; round++)
        {
            (await SayAsync("/start table_5"))[^1].Text.Should().Contain("Вы за столом 5");
            (await PressAsync("home:main")).ButtonData.Should().Contain("vs:show", "the guest is at table 5 (round {0})", round);
            (await PressAsync("vs:show")).Text.Should().Contain("Стол 5");
            (await PressAsync("vs:end")).Text.Should().Contain("Визит завершён");
            (await PressAsync("home:main")).ButtonData.Should().NotContain("vs:show", "the visit ended (round {0})", round);

            await using var db = _host.Database.CreateContext();
            (await db.Visits.CountAsync(v => v.ClosedAtUtc != null)).Should().Be(round);
            (await db.Visits.CountAsync(v => v.ClosedAtUtc == null)).Should().Be(0);
        }
    }

    [Fact]
    public async Task The_last_order_is_repeated_twice_and_each_repeat_is_a_new_order()
    {
        await _host.PassAgeGateAsync(Chat);
        await PressAsync("home:menu");
        await PressAsync($"or:cat:{_ids["hookahs"]}");
        await PressAsync($"or:item:{_ids["classic"]}");
        await PressAsync("or:qty:2");
        await PressAsync("or:add");
        await CheckoutTakeawayAsync(phoneKnown: false);
        await PressAsync("or:nocomment");
        await PressAsync("or:ok");

        for (var repeat = 1; repeat <= 2; repeat++)
        {
            var mine = await PressAsync("home:mine");
            mine.ButtonData.Should().Contain("mine:repeat");
            var cart = await PressAsync("mine:repeat");
            cart.Text.Should().Contain("Корзина").And.Contain("Классический × 2");
            await CheckoutTakeawayAsync(phoneKnown: true);
            await PressAsync("or:nocomment");
            await PressAsync("or:ok");
            (await OrdersAsync()).Should().HaveCount(1 + repeat);
        }
    }

    [Fact]
    public async Task Duplicate_confirm_taps_place_one_order_and_post_no_extra_messages()
    {
        await _host.PassAgeGateAsync(Chat);
        await PressAsync("home:menu");
        await PressAsync($"or:cat:{_ids["hookahs"]}");
        await PressAsync($"or:item:{_ids["classic"]}");
        await PressAsync("or:add");
        await CheckoutTakeawayAsync(phoneKnown: false);
        await PressAsync("or:nocomment");
        var before = _host.Telegram.CallsTo(Chat).Count;

        var first = Updates.Button(_host.Telegram.NextUpdateId(), Chat, "or:ok", messageId: 2);
        _host.Telegram.Push(first);
        _host.Telegram.Push(first.DeepClone().AsObject());
        _host.Telegram.Push(Updates.Button(_host.Telegram.NextUpdateId(), Chat, "or:ok", messageId: 2));
        await _host.Telegram.WaitForAsync(all => all.Any(c => c.ChatId == Chat && c.Text?.Contains("оформлен") == true));
        await _host.Telegram.SettleAsync();

        (await OrdersAsync()).Should().HaveCount(1);
        _host.Telegram.CallsTo(Chat).Count.Should().Be(before + 1, "the second tap only gets a toast");
    }

    [Fact]
    public async Task A_new_order_can_be_cancelled_from_my_orders_after_confirming_and_staff_are_told()
    {
        await _host.PassAgeGateAsync(Chat);
        for (var round = 1; round <= 2; round++)
        {
            await PressAsync("home:menu");
            await PressAsync($"or:cat:{_ids["hookahs"]}");
            await PressAsync($"or:item:{_ids["classic"]}");
            await PressAsync("or:add");
            await CheckoutTakeawayAsync(phoneKnown: round == 2);
            await PressAsync("or:nocomment");
            await PressAsync("or:ok");
            var order = (await OrdersAsync())[^1];

            var mine = await PressAsync("home:mine");
            mine.ButtonData.Should().Contain($"mine:ocancel:{order.Id}");
            var ask = await PressAsync($"mine:ocancel:{order.Id}");
            ask.Text.Should().Contain($"Отменить заказ №{order.Id}");
            var list = await PressAsync($"mine:ocancelok:{order.Id}");
            list.ButtonData.Should().NotContain($"mine:ocancel:{order.Id}");

            (await OrdersAsync())[^1].Status.Should().Be(OrderStatus.Cancelled);
            await using var db = _host.Database.CreateContext();
            (await db.Outbox.AnyAsync(m => m.Key == $"order:{order.Id}:staff-guest:Cancelled" && m.Text.Contains("Гость отменил заказ"))).Should().BeTrue();
            (await db.Outbox.AnyAsync(m => m.ThreadKey == $"order:{order.Id}:staff" && m.Key.EndsWith(":staff:Cancelled") && m.PayloadJson == null))
                .Should().BeTrue("the staff post loses its buttons");
        }

        (await ToastOfAsync($"mine:ocancelok:{(await OrdersAsync())[0].Id}")).Should().Contain("больше не действует");
    }
}

/// <summary>English guests read the lounge's English names, falling back to Russian where there are none.</summary>
public sealed class EnglishGuestTests : IAsyncLifetime
{
    private const long Chat = 9601;
    private BotHost _host = null!;

    public async Task InitializeAsync() => _host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<BotApiCall> PressAsync(string data) => _host.PressAsync(Chat, data, language: "en");

    [Fact]
    public async Task An_english_guest_sees_english_sections_items_options_and_promos()
    {
        await _host.PassAgeGateAsync(Chat, language: "en");

        var sections = await PressAsync("home:menu");
        sections.Text.Should().Contain("Order");
        sections.ButtonTexts.Should().Contain("Hookahs").And.NotContain("Кальяны");
        var items = await PressAsync(sections.ButtonData.First(d => d.StartsWith("or:cat:", StringComparison.Ordinal)));
        items.ButtonTexts.Should().Contain(t => t.StartsWith("Classic · ", StringComparison.Ordinal));
        var card = await PressAsync(items.ButtonData.First(d => d.StartsWith("or:item:", StringComparison.Ordinal)));
        card.Text.Should().Contain("Strength: <b>Medium</b>").And.Contain("Tobacco: master's choice");
        var cart = await PressAsync("or:add");
        cart.Text.Should().Contain("Classic × 1").And.Contain("Strength: Medium");

        await PressAsync("or:quit");
        var promos = await PressAsync("home:promos");
        promos.Text.Should().Contain("Happy hours");
    }
}
