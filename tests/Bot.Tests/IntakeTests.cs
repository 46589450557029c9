using HookahLounge.Bot.Routing;
using System.Text.Json;
using HookahLounge.Bot.Conversations;
using HookahLounge.Bot.Conversations.Home;
using HookahLounge.Bot.Intake;
using HookahLounge.Core.Data;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace HookahLounge.Bot.Tests;

/// <summary>At-least-once delivery, ordering, restarts and failures, end to end through the fake Bot API.</summary>
public sealed class IntakeTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_update_delivered_twice_is_handled_once(string provider)
    {
        await using var host = await BotHost.StartAsync(provider);
        const long chat = 8101;
        var start = Updates.Text(host.Telegram.NextUpdateId(), chat, "/start");

        host.Telegram.Push(start);
        host.Telegram.Push(start.DeepClone().AsObject());
        await host.Telegram.WaitForAsync(calls => calls.Count(c => c.ChatId == chat) >= 2);
        await host.Telegram.SettleAsync();

        host.Telegram.CallsTo(chat).Should().HaveCount(2, "one greeting and one age question, not two of each");
        (await host.ProcessedUpdatesAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Concurrent_copies_of_one_update_on_two_hosts_are_handled_once()
    {
        if (!PostgresServer.IsAvailable)
        {
            return; // Two hosts share a database only on PostgreSQL; SQLite is single-host by design.
        }

        await using var host = await BotHost.StartAsync("Postgres");
        await using var second = new LoungeAppFactory(host.Database, host.Telegram).Start();
        const long chat = 8102;
        var json = Updates.Text(host.Telegram.NextUpdateId(), chat, "/start").ToJsonString();
        var pipelines = new[] { host.App!.Services, second.Services }.Select(s => s.GetRequiredService<UpdatePipeline>()).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            pipelines[i % 2].HandleAsync(JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options)!, CancellationToken.None)));
        await host.Telegram.SettleAsync();

        host.Telegram.CallsTo(chat).Should().HaveCount(2);
        (await host.ProcessedUpdatesAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Two_steps_of_one_chat_handled_at_once_on_two_hosts_both_count_and_neither_overwrites_the_other()
    {
        if (!PostgresServer.IsAvailable)
        {
            return; // Two hosts share a database only on PostgreSQL.
        }

        await using var host = await BotHost.StartAsync("Postgres");
        await using var second = new LoungeAppFactory(host.Database, host.Telegram).Start();
        var pipelines = new[] { host.App!.Services, second.Services }.Select(s => s.GetRequiredService<UpdatePipeline>()).ToArray();
        const long chat = 8103;
        foreach (var step in new[] { "/start", "age:yes" })
        {
            await pipelines[0].HandleAsync(Parse(step.StartsWith('/') ? Updates.Text(host.Telegram.NextUpdateId(), chat, step) : Updates.Button(host.Telegram.NextUpdateId(), chat, step, messageId: 2)), CancellationToken.None);
        }

        // Each round from the main menu: the guest's two taps (settings, booking) reach two hosts at the same moment.
        // Both are decided from the same session; whichever saves second must see the first's write and run again,
        // or one step would be lost. Either order moves the dialog twice.
        for (var round = 0; round < 10; round++)
        {
            await pipelines[round % 2].HandleAsync(Parse(Updates.Button(host.Telegram.NextUpdateId(), chat, "home:main", messageId: 2)), CancellationToken.None);
            var version = (await host.SessionAsync(chat))!.Version;
            await Task.WhenAll(
                pipelines[0].HandleAsync(Parse(Updates.Button(host.Telegram.NextUpdateId(), chat, "home:settings", messageId: 2)), CancellationToken.None),
                pipelines[1].HandleAsync(Parse(Updates.Button(host.Telegram.NextUpdateId(), chat, "home:book", messageId: 2)), CancellationToken.None));
            (await host.SessionAsync(chat))!.Version.Should().Be(version + 2, $"round {round + 1}: both steps wrote the session, one after the other");
        }

        (await host.ProcessedUpdatesAsync()).Should().Be(2 + 30);
        host.Telegram.Calls.Should().NotContain(c => c.Text != null && c.Text.Contains("Что-то пошло не так"), "a race is run again, not apologised for");
    }

    private static Update Parse(System.Text.Json.Nodes.JsonObject update) => JsonSerializer.Deserialize<Update>(update.ToJsonString(), JsonBotAPI.Options)!;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Updates_of_one_chat_are_handled_in_order_while_chats_run_side_by_side(string provider)
    {
        await using var host = await BotHost.StartAsync(provider);
        long[] chats = [8201, 8202, 8203, 8204];

        // Every step only makes sense after the one before: out of order, the last reply would not be English contacts.
        foreach (var chat in chats)
        {
            host.Telegram.Push(Updates.Text(host.Telegram.NextUpdateId(), chat, "/start"));
        }

        foreach (var step in new[] { "age:yes", "home:settings", "set:lang:en", "home:contacts" })
        {
            foreach (var chat in chats)
            {
                host.Telegram.Push(Updates.Button(host.Telegram.NextUpdateId(), chat, step, messageId: 2));
            }
        }

        await host.Telegram.WaitForAsync(calls => chats.All(chat => calls.Count(c => c.ChatId == chat) >= 7), TimeSpan.FromSeconds(40));
        foreach (var chat in chats)
        {
            var calls = host.Telegram.CallsTo(chat);
            calls.Select(c => c.Method).Should().Equal(
                "sendmessage", "sendmessage", "editmessagetext", "editmessagetext", "editmessagetext", "sendvenue", "sendmessage");
            calls[2].Text.Should().Contain("Чем можем помочь");
            calls[3].Text.Should().Contain("Язык: русский");
            calls[4].Text.Should().Contain("Language: English");
            calls[6].Text.Should().Contain("Opening hours");
            (await host.SessionAsync(chat))!.Conversation.Should().Be(HomeConversation.ConversationName, "contacts belong to the home dialog");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_restart_mid_conversation_keeps_the_guests_place(string provider)
    {
        await using var host = await BotHost.StartAsync(provider);
        const long chat = 8301;
        await host.SendAsync(chat, Updates.Text(host.Telegram.NextUpdateId(), chat, "/start"), expectedCalls: 2);

        await host.RestartAsync();
        var afterRestart = await host.SendAsync(chat, Updates.Button(host.Telegram.NextUpdateId(), chat, "age:yes", messageId: 2));

        afterRestart.Single().Text.Should().Contain("Чем можем помочь", "the new host picks up at the age question, not at the greeting");
        (await host.SessionAsync(chat))!.State.Should().Be(nameof(HomeConversation.HomeDialog.State.MainMenu));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("menu:cat:abc")]
    [InlineData("menu:cat:-5")]
    [InlineData("set:lang:xx")]
    [InlineData("home:nope")]
    [InlineData("age:yes")]
    [InlineData(":")]
    [InlineData("home:menu:0123456789012345678901234567890123456789012345678901234567890")]
    public async Task A_malformed_or_stale_button_is_answered_politely_and_changes_nothing(string data)
    {
        // A button the dialog it names cannot use is answered by the dialog the guest is in: here the main menu.
        await using var host = await BotHost.StartAsync();
        const long chat = 8401;
        await host.PassAgeGateAsync(chat);
        var before = await host.SessionAsync(chat);
        var customerBefore = await host.CustomerAsync(chat);

        var updateId = host.Telegram.NextUpdateId();
        var reply = await host.SendAsync(chat, Updates.Button(updateId, chat, data, messageId: 2));

        reply.Single().Text.Should().Contain("Чем можем помочь");
        var answer = await host.Telegram.WaitForAsync(calls => calls.Any(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{updateId}"));
        answer.Last(c => c.Method == "answercallbackquery").Body["text"]!.GetValue<string>().Should().Contain("больше не действует");
        var after = await host.SessionAsync(chat);
        after!.State.Should().Be(before!.State);
        after.Version.Should().Be(before.Version);
        (await host.CustomerAsync(chat)).Should().BeEquivalentTo(customerBefore);
    }

    [Fact]
    public async Task A_button_for_a_menu_section_that_no_longer_exists_shows_the_current_menu()
    {
        await using var host = await BotHost.StartAsync();
        const long chat = 8402;
        await host.PassAgeGateAsync(chat);

        await host.SendAsync(chat, Updates.Button(host.Telegram.NextUpdateId(), chat, "home:menu", messageId: 2));
        var reply = await host.SendAsync(chat, Updates.Button(host.Telegram.NextUpdateId(), chat, "or:cat:99999", messageId: 2));

        reply.Single().Text.Should().Contain("выберите раздел");
        await host.Telegram.WaitForAsync(calls => calls.Any(c => c.Method == "answercallbackquery" && c.Body["text"]?.GetValue<string>() == "Этот раздел больше не доступен. Вот актуальное меню."));
    }

    [Theory]
    [InlineData("sticker")]
    [InlineData("/nonsense")]
    [InlineData("привет, есть кальян на двоих?")]
    public async Task Messages_the_bot_cannot_act_on_get_a_polite_hint_and_the_menu(string what)
    {
        await using var host = await BotHost.StartAsync();
        const long chat = 8403;
        await host.PassAgeGateAsync(chat);
        var before = await host.SessionAsync(chat);

        var id = host.Telegram.NextUpdateId();
        var reply = await host.SendAsync(chat, what == "sticker" ? Updates.Sticker(id, chat) : Updates.Text(id, chat, what));

        reply.Single().Text.Should().Match(t => t.Contains("понимаю текст и кнопки") || t.Contains("не понял"));
        reply.Single().ButtonData.Should().Contain("home:menu");
        (await host.SessionAsync(chat))!.Version.Should().Be(before!.Version);
    }

    [Fact]
    public async Task Group_chats_and_channel_posts_are_not_answered()
    {
        await using var host = await BotHost.StartAsync();

        host.Telegram.Push(Updates.GroupText(host.Telegram.NextUpdateId(), -100777, 8501, "/start"));
        await host.Telegram.SettleAsync();

        host.Telegram.Calls.Where(c => c.ChatId == -100777).Should().BeEmpty();
    }

    [Fact]
    public async Task A_failing_dialog_apologises_and_the_guest_can_always_get_back_to_the_menu()
    {
        await using var host = await BotHost.StartAsync(services: s => s.AddScoped<IConversation, ExplodingConversation>());
        const long chat = 8601;
        await host.PassAgeGateAsync(chat);
        await using (var db = host.Database.CreateContext())
        {
            await db.ChatSessions.Where(s => s.ChatId == chat)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Conversation, ExplodingConversation.ConversationName));
        }

        var apology = await host.SendAsync(chat, Updates.Text(host.Telegram.NextUpdateId(), chat, "ещё чаю"));
        apology.Single().Text.Should().Contain("Что-то пошло не так");
        apology.Single().ButtonData.Should().Equal("home:main");

        var menu = await host.SendAsync(chat, Updates.Button(host.Telegram.NextUpdateId(), chat, "home:main", messageId: 5));
        menu.Single().Text.Should().Contain("Чем можем помочь");
        (await host.SessionAsync(chat))!.Conversation.Should().Be(HomeConversation.ConversationName);
    }

    private sealed class ExplodingConversation : IConversation
    {
        public const string ConversationName = "Exploding";

        public string Name => ConversationName;

        public IReadOnlyCollection<string> Areas => [];

        public string EntryState => "Boom";

        public bool Accepts(CallbackData button) => false;

        public string Graph(ConversationContext context) => "digraph {}";

        public Task HandleAsync(ConversationContext context, CancellationToken ct) => throw new InvalidOperationException("Boom");

        public void Leave(ConversationContext context)
        {
        }

        public Task EnterAsync(ConversationContext context, CancellationToken ct) => Task.CompletedTask;
    }
}
