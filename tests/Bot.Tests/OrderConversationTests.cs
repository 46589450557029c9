using HookahLounge.Core.Orders;
using HookahLounge.Core.Visits;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Bot.Tests;

/// <summary>Ordering from Telegram through the real client against the fake Bot API.</summary>
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
        foreach (var value in classic.OptionGroups.SelectMany(g => g.Values.Select(v => (g, v))))
        {
            _ids[$"{value.g.Name.Split(' ')[0]}:{value.v.Name}"] = value.v.Id;
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<BotApiCall> PressAsync(string data, int expectedCalls = 1) =>
        (await _host.SendAsync(Chat, Updates.Button(_host.Telegram.NextUpdateId(), Chat, data, messageId: 2), expectedCalls))[^1];

    private async Task ComposeClassicAsync()
    {
        await PressAsync($"or:cat:{_ids["hookahs"]}");
        await PressAsync($"or:item:{_ids["classic"]}");
        await PressAsync($"or:opt:{_ids["Табак:Darkside"]}");
        await PressAsync($"or:opt:{_ids["Вкусы:Манго"]}");
        await PressAsync($"or:opt:{_ids["Вкусы:Мята"]}");
        await PressAsync("or:next");
        await PressAsync($"or:opt:{_ids["Крепость:Крепкий"]}");
        await PressAsync($"or:opt:{_ids["Чаша:Глиняная"]}");
        await PressAsync($"or:opt:{_ids["Колба:Вода"]}");
    }

    /// <summary>Takeaway, picked up at the first time offered.</summary>
    private async Task ChooseTakeawayAsync()
    {
        var times = await PressAsync("or:type:pickup");
        times.Text.Should().Contain("Когда заберёте");
        await PressAsync(times.ButtonData.First(d => d.StartsWith("or:at:", StringComparison.Ordinal)));
    }

    /// <summary>One classic hookah, taken away at the first time offered, no comment: the summary is on screen.</summary>
    private async Task ComposeTakeawayAsync(int quantity = 1)
    {
        await PressAsync("home:order");
        await ComposeClassicAsync();
        await PressAsync($"or:qty:{quantity}");
        await PressAsync("or:checkout");
        await ChooseTakeawayAsync();
        await PressAsync("or:nocomment");
    }

    private async Task<int> OrderCountAsync()
    {
        await using var db = _host.Database.CreateContext();
        return await db.Orders.CountAsync();
    }

    [Fact]
    public async Task A_guest_composes_a_hookah_option_by_option_and_places_a_takeaway_order()
    {
        await _host.PassAgeGateAsync(Chat);
        var sections = await PressAsync("home:order");
        sections.ButtonTexts.Should().Contain(["Кальяны", "Чай и напитки"]);

        var items = await PressAsync($"or:cat:{_ids["hookahs"]}");
        items.ButtonTexts.Should().Contain("Классический · 1\u00A0400\u00A0₽");
        var tobacco = await PressAsync($"or:item:{_ids["classic"]}");
        tobacco.Text.Should().Contain("Табак").And.Contain("выберите один вариант");
        var flavours = await PressAsync($"or:opt:{_ids["Табак:Darkside"]}");
        flavours.Text.Should().Contain("выберите от 1 до 3");
        (await PressAsync($"or:opt:{_ids["Вкусы:Манго"]}")).ButtonTexts.Should().Contain("✓ Манго");
        await PressAsync($"or:opt:{_ids["Вкусы:Мята"]}");
        await PressAsync("or:next");
        await PressAsync($"or:opt:{_ids["Крепость:Крепкий"]}");
        var bowl = await PressAsync($"or:opt:{_ids["Чаша:Грейпфрут"]}");
        bowl.Text.Should().Contain("Колба");
        var quantity = await PressAsync($"or:opt:{_ids["Колба:Молоко"]}");
        quantity.Text.Should().Contain("Цена: 2\u00A0150\u00A0₽").And.Contain("Darkside");

        var cart = await PressAsync("or:qty:2");
        cart.Text.Should().Contain("Классический × 2 — 4\u00A0300\u00A0₽").And.Contain("Итого: <b>4\u00A0300\u00A0₽</b>");
        var more = await PressAsync("or:inc:0");
        more.Text.Should().Contain("Классический × 3");
        await PressAsync("or:dec:0");

        var where = await PressAsync("or:checkout");
        where.ButtonData.Should().Contain(["or:type:table", "or:type:booking", "or:type:pickup"]);
        await ChooseTakeawayAsync();
        var summary = await _host.SendAsync(Chat, Updates.Text(_host.Telegram.NextUpdateId(), Chat, "Побольше льда"));
        summary.Single().Text.Should().Contain("Ваш заказ").And.Contain("Побольше льда").And.Contain("С собой");

        var placed = await PressAsync("or:ok");
        placed.Text.Should().MatchRegex("Заказ №\\d+ оформлен");
        await using var db = _host.Database.CreateContext();
        var order = await db.Orders.Include(o => o.Lines).SingleAsync();
        order.Type.Should().Be(OrderType.Pickup);
        order.Total.Should().Be(4300);
        order.Comment.Should().Be("Побольше льда");
        order.Lines.Single().OptionsSummary.Should().Contain("Вкусы (до 3): Манго, Мята").And.Contain("Чаша: Грейпфрут");

        (await OrderCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Back_returns_to_the_previous_option_group_and_forged_values_change_nothing()
    {
        await _host.PassAgeGateAsync(Chat);
        await PressAsync("home:order");
        await PressAsync($"or:cat:{_ids["hookahs"]}");
        await PressAsync($"or:item:{_ids["classic"]}");
        await PressAsync($"or:opt:{_ids["Табак:Darkside"]}");

        var back = await PressAsync("or:back");
        back.Text.Should().Contain("Табак");

        var before = await _host.SessionAsync(Chat);
        await PressAsync($"or:opt:{_ids["Крепость:Крепкий"]}");
        var forged = _host.Telegram.NextUpdateId();
        _host.Telegram.Push(Updates.Button(forged, Chat, "or:qty:999", messageId: 2));
        await _host.Telegram.WaitForAsync(all => all.Any(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{forged}"));
        (await _host.SessionAsync(Chat))!.DraftJson.Should().Be(before!.DraftJson);
    }

    [Fact]
    public async Task Something_put_on_the_stop_list_before_confirm_is_named_and_not_ordered()
    {
        await _host.PassAgeGateAsync(Chat);
        await ComposeTakeawayAsync(1);
        await using (var db = _host.Database.CreateContext())
        {
            await db.MenuOptionValues.Where(v => v.Id == _ids["Вкусы:Мята"]).ExecuteUpdateAsync(s => s.SetProperty(v => v.IsAvailable, false));
        }

        var calls = await _host.SendAsync(Chat, Updates.Button(_host.Telegram.NextUpdateId(), Chat, "or:ok", messageId: 2), expectedCalls: 2);

        calls[0].Text.Should().Contain("закончилось").And.Contain("Мята");
        calls[1].Text.Should().Contain("Корзина");
        (await OrderCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task The_table_qr_opens_a_visit_orders_join_it_and_repeated_calls_collapse()
    {
        var greeting = await _host.SendAsync(Chat, Updates.Text(_host.Telegram.NextUpdateId(), Chat, "/start table_5"), expectedCalls: 2);
        greeting[1].ButtonData.Should().Contain("age:yes");
        var afterAge = await _host.SendAsync(Chat, Updates.Button(_host.Telegram.NextUpdateId(), Chat, "age:yes", messageId: 2), expectedCalls: 2);
        afterAge[1].Text.Should().Contain("Вы за столом 5");
        afterAge[1].ButtonData.Should().Contain(["vs:coals", "vs:bill", "vs:end"]);

        await PressAsync("home:order");
        await ComposeClassicAsync();
        await PressAsync("or:qty:1");
        var comment = await PressAsync("or:checkout");
        comment.Text.Should().Contain("Комментарий", "the table is known from the visit");
        await PressAsync("or:nocomment");
        await PressAsync("or:ok");

        var coalsId = _host.Telegram.NextUpdateId();
        _host.Telegram.Push(Updates.Button(coalsId, Chat, "vs:coals", messageId: 2));
        await _host.Telegram.WaitForAsync(all => all.Any(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{coalsId}"));
        var againId = _host.Telegram.NextUpdateId();
        _host.Telegram.Push(Updates.Button(againId, Chat, "vs:coals", messageId: 2));
        var answer = (await _host.Telegram.WaitForAsync(all => all.Any(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{againId}")))
            .Single(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{againId}");
        answer.Body["text"]!.GetValue<string>().Should().Contain("Уже идём");

        var table = await PressAsync("vs:show");
        table.Text.Should().Contain("Стол 5").And.Contain("1\u00A0400\u00A0₽");
        await using var db = _host.Database.CreateContext();
        (await db.Orders.SingleAsync()).VisitId.Should().NotBeNull();
        (await db.ServiceCalls.CountAsync(c => c.Kind == ServiceCallKind.ChangeCoals)).Should().Be(1);
    }

    [Fact]
    public async Task The_last_order_can_be_repeated_in_one_tap()
    {
        await _host.PassAgeGateAsync(Chat);
        await ComposeTakeawayAsync(2);
        await PressAsync("or:ok");

        var mine = await PressAsync("home:mine");
        mine.ButtonData.Should().Contain("home:repeat");
        var cart = await PressAsync("home:repeat");

        cart.Text.Should().Contain("Корзина").And.Contain("Классический × 2").And.Contain("Darkside");
    }

    [Fact]
    public async Task Duplicate_confirm_taps_arriving_together_place_one_order()
    {
        await _host.PassAgeGateAsync(Chat);
        await ComposeTakeawayAsync(1);

        var first = Updates.Button(_host.Telegram.NextUpdateId(), Chat, "or:ok", messageId: 2);
        _host.Telegram.Push(first);
        _host.Telegram.Push(first.DeepClone().AsObject());
        _host.Telegram.Push(Updates.Button(_host.Telegram.NextUpdateId(), Chat, "or:ok", messageId: 2));
        await _host.Telegram.WaitForAsync(all => all.Any(c => c.ChatId == Chat && c.Text?.Contains("оформлен") == true));
        await _host.Telegram.SettleAsync();

        (await OrderCountAsync()).Should().Be(1);
    }
}
