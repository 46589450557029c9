using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Notifications;
using HookahLounge.Core.Orders;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HookahLounge.Core.Tests.Notifications;

/// <summary>The product with its dispatcher, a fake Telegram and a fake SMSC, on a fresh database.</summary>
public sealed class NotificationHost : IAsyncDisposable
{
    public const long StaffChatId = -1001234567890;

    private readonly Dictionary<string, string?> _settings;

    private NotificationHost(TestDatabase database, FakeTelegram telegram, FakeSmsc smsc, Dictionary<string, string?> settings, FakeTimeProvider? clock)
    {
        Database = database;
        Telegram = telegram;
        Smsc = smsc;
        _settings = settings;
        Clock = clock;
    }

    /// <summary>The app's clock when the test set one; the wall clock otherwise.</summary>
    public FakeTimeProvider? Clock { get; }

    public DateTime UtcNow => Clock?.GetUtcNow().UtcDateTime ?? DateTime.UtcNow;

    public TestDatabase Database { get; }

    public FakeTelegram Telegram { get; }

    public FakeSmsc Smsc { get; }

    public List<LoungeAppFactory> Apps { get; } = [];

    public LoungeAppFactory App => Apps[^1];

    public static async Task<NotificationHost> StartAsync(string? provider = null, Dictionary<string, string?>? settings = null, bool smsConfigured = true, bool start = true, DateTime? moscowNow = null)
    {
        var database = await TestDatabase.CreateAsync(provider ?? TestDatabase.Preferred.ToString());
        var smsc = await FakeSmsc.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Notifications:PollIntervalSeconds"] = "0.2",
            ["Notifications:FirstRetrySeconds"] = "1",
            ["Telegram:StaffChatId"] = StaffChatId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sms:SmscBaseUrl"] = smsc.BaseUrl,
            ["Sms:Login"] = smsConfigured ? "lounge" : "",
            ["Sms:Password"] = smsConfigured ? "secret" : "",
            ["Sms:Sender"] = "Oblaka",
            ["Sms:QuietHoursStart"] = "00:00",
            ["Sms:QuietHoursEnd"] = "00:00",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var clock = moscowNow is { } local ? new FakeTimeProvider(new DateTimeOffset(local, TimeSpan.FromHours(3))) : null;
        var host = new NotificationHost(database, await FakeTelegram.StartAsync(), smsc, all, clock);
        if (start)
        {
            host.StartApp();
        }

        return host;
    }

    /// <summary>Starts a(nother) host on the same database and fake Telegram; <paramref name="overrides"/> are this host's own settings.</summary>
    public LoungeAppFactory StartApp(IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(_settings);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = new LoungeAppFactory(Database, Telegram, settings, Clock is null ? null : s => s.AddSingleton<TimeProvider>(Clock)).Start();
        Apps.Add(app);
        return app;
    }

    /// <summary>Runs work against the database with the app's services (a scope of its own).</summary>
    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = (Apps.Count > 0 ? App.Services : throw new InvalidOperationException("No app running.")).CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<Customer> AddGuestAsync(long? telegramChatId, string? phone = null, string language = "ru") => WithServicesAsync(async services =>
    {
        var db = services.GetRequiredService<LoungeDbContext>();
        var customer = new Customer
        {
            TelegramUserId = telegramChatId,
            TelegramChatId = telegramChatId,
            Phone = phone,
            Name = "Гость",
            Language = language,
            CreatedAtUtc = UtcNow,
            AgeConfirmedAtUtc = UtcNow,
        };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    });

    public Task<Order> PlaceOrderAsync(int customerId) => WithServicesAsync(async services =>
    {
        var db = services.GetRequiredService<LoungeDbContext>();
        var tea = await db.MenuItems.FirstAsync(i => i.Name.StartsWith("Молочный улун"));
        var result = await services.GetRequiredService<OrderService>().PlaceAsync(new PlaceOrder(customerId, OrderType.AtTable, [new(tea.Id, 2)], TableNumber: 3));
        return result.Order ?? throw new InvalidOperationException(result.Error.ToString());
    });

    public async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>Polls the database until the outbox satisfies <paramref name="done"/>.</summary>
    public async Task<List<OutboxMessage>> WaitForOutboxAsync(Func<List<OutboxMessage>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var rows = await OutboxAsync();
            if (done(rows))
            {
                return rows;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Outbox never got there:\n" + string.Join("\n", rows.Select(r => $"{r.Id} {r.Key} {r.Channel} {r.Status} a={r.Attempts} {r.LastError}")));
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in Apps)
        {
            await app.DisposeAsync();
        }

        await Telegram.DisposeAsync();
        await Smsc.DisposeAsync();
        await Database.DisposeAsync();
    }
}
