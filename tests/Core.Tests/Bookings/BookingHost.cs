using HookahLounge.Core.Bookings;
using HookahLounge.Core.Data;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HookahLounge.Core.Tests.Bookings;

/// <summary>The product on a fresh database with the demo tables and a clock the test controls.</summary>
public sealed class BookingHost : IAsyncDisposable
{
    private BookingHost(LoungeAppFactory app, FakeTimeProvider clock)
    {
        App = app;
        Clock = clock;
    }

    public LoungeAppFactory App { get; }

    public FakeTimeProvider Clock { get; }

    public TestDatabase Database => App.Database;

    /// <summary>Starts at the given Moscow local time (default: Thursday 2026-11-26 12:00).</summary>
    public static async Task<BookingHost> StartAsync(string? provider = null, DateTime? moscowNow = null, Dictionary<string, string?>? settings = null)
    {
        var local = moscowNow ?? new DateTime(2026, 11, 26, 12, 0, 0);
        var clock = new FakeTimeProvider(new DateTimeOffset(local, TimeSpan.FromHours(3)));
        var database = await TestDatabase.CreateAsync(provider ?? TestDatabase.Preferred.ToString());
        var all = new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var app = new LoungeAppFactory(database, settings: all, services: s => s.AddSingleton<TimeProvider>(clock)).Start();
        return new BookingHost(app, clock);
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<BookingResult> CreateAsync(BookingRequest request) =>
        WithAsync(s => s.GetRequiredService<BookingService>().CreateAsync(request));

    public Task<IReadOnlyList<BookingSlot>> SlotsAsync(DateOnly date, int party, int duration = 120) => WithAsync(async s =>
        await s.GetRequiredService<TableAvailability>().SlotsAsync(await s.GetRequiredService<BookingSettingsStore>().GetAsync(), date, party, duration));

    public async Task<int> TableNumberAsync(int? tableId)
    {
        await using var db = Database.CreateContext();
        return await db.Tables.Where(t => t.Id == tableId).Select(t => t.Number).SingleAsync();
    }

    public async Task<int> TableIdAsync(int number)
    {
        await using var db = Database.CreateContext();
        return await db.Tables.Where(t => t.Number == number).Select(t => t.Id).SingleAsync();
    }

    public static BookingRequest Guest(DateOnly date, TimeOnly time, int party = 2, int duration = 120, string phone = "+7 916 123-45-67", int? tableId = null) =>
        new(date, time, party, duration, BookingSource.Site, "Мария", phone, TableId: tableId, ConsentGiven: true);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
