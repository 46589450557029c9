using HookahLounge.Core.Chats;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Bot.Tests;

/// <summary>The product running with its bot polling a fake Bot API, on a fresh database.</summary>
public sealed class BotHost : IAsyncDisposable
{
    private readonly IDictionary<string, string?>? _settings;
    private readonly Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? _services;

    private BotHost(TestDatabase database, FakeTelegram telegram, IDictionary<string, string?>? settings, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services)
    {
        _settings = settings;
        _services = services;
        Database = database;
        Telegram = telegram;
    }

    public TestDatabase Database { get; }

    public FakeTelegram Telegram { get; }

    public LoungeAppFactory? App { get; private set; }

    public static async Task<BotHost> StartAsync(
        string? provider = null,
        IDictionary<string, string?>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var database = await TestDatabase.CreateAsync(provider ?? TestDatabase.Preferred.ToString());
        var host = new BotHost(database, await FakeTelegram.StartAsync(), settings, services);
        host.StartApp();
        return host;
    }

    /// <summary>Like <see cref="StartAsync"/> on a database the test made (e.g. to reach it through a proxy).</summary>
    public static async Task<BotHost> StartOnAsync(TestDatabase database, IDictionary<string, string?>? settings = null)
    {
        var host = new BotHost(database, await FakeTelegram.StartAsync(), settings, null);
        host.StartApp();
        return host;
    }

    public void StartApp() => App = new LoungeAppFactory(Database, Telegram, _settings, _services).Start();

    /// <summary>Stops the host the way a deploy or crash would, keeping the database and the fake Telegram.</summary>
    public async Task RestartAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        StartApp();
    }

    public async Task<ChatSession?> SessionAsync(long chatId)
    {
        await using var db = Database.CreateContext();
        return await db.ChatSessions.AsNoTracking().SingleOrDefaultAsync(s => s.ChatId == chatId);
    }

    public async Task<Customer?> CustomerAsync(long telegramUserId)
    {
        await using var db = Database.CreateContext();
        return await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.TelegramUserId == telegramUserId);
    }

    public async Task<int> ProcessedUpdatesAsync()
    {
        await using var db = Database.CreateContext();
        return await db.ProcessedUpdates.CountAsync();
    }

    /// <summary>Pushes an update and waits until the bot has answered it with <paramref name="expectedCalls"/> more calls to the chat.</summary>
    public async Task<IReadOnlyList<BotApiCall>> SendAsync(long chatId, System.Text.Json.Nodes.JsonObject update, int expectedCalls = 1)
    {
        var before = Telegram.CallsTo(chatId).Count;
        Telegram.Push(update);
        var calls = await Telegram.WaitForAsync(all => all.Count(c => c.ChatId == chatId) >= before + expectedCalls, because: update.ToJsonString());
        return [.. calls.Where(c => c.ChatId == chatId).Skip(before)];
    }

    /// <summary>The guest presses a button under their latest screen; returns the last call the bot made to the chat.</summary>
    public async Task<BotApiCall> PressAsync(long chatId, string data, int expectedCalls = 1, string language = "ru") =>
        (await SendAsync(chatId, Updates.Button(Telegram.NextUpdateId(), chatId, data, messageId: 2, language: language), expectedCalls))[^1];

    /// <summary>The guest types a message or a command.</summary>
    public Task<IReadOnlyList<BotApiCall>> SayAsync(long chatId, string text, int expectedCalls = 1) =>
        SendAsync(chatId, Updates.Text(Telegram.NextUpdateId(), chatId, text), expectedCalls);

    /// <summary>Presses a button and returns the toast or alert that answered it ("" for none).</summary>
    public async Task<string> ToastOfAsync(long chatId, string data)
    {
        var id = Telegram.NextUpdateId();
        Telegram.Push(Updates.Button(id, chatId, data, messageId: 2));
        var calls = await Telegram.WaitForAsync(all => all.Any(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{id}"));
        return calls.Last(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{id}").Body["text"]?.GetValue<string>() ?? "";
    }

    /// <summary>/start and "yes, I am 18+": the guest ends at the main menu (the age question is message 2).</summary>
    public async Task PassAgeGateAsync(long chatId, string language = "ru")
    {
        await SendAsync(chatId, Updates.Text(Telegram.NextUpdateId(), chatId, "/start", language), expectedCalls: 2);
        await SendAsync(chatId, Updates.Button(Telegram.NextUpdateId(), chatId, "age:yes", messageId: 2, language: language));
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await Telegram.DisposeAsync();
        await Database.DisposeAsync();
    }
}
