using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Bot.Tests;

/// <summary>A guest known from a site booking and a phone booking opens the bot: one record, nothing lost.</summary>
public sealed class GuestMergeTests : IAsyncLifetime
{
    private const long Chat = 9412;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        await _host.PassAgeGateAsync(Chat);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<BotApiCall> PressAsync(string data, int expectedCalls = 1) => _host.PressAsync(Chat, data, expectedCalls);

    private async Task<BookingResult> BookAsync(BookingSource source, string time, string phone)
    {
        await using var scope = _host.App!.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BookingService>().CreateAsync(
            new BookingRequest(TestDates.NextWednesday(), TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), 2, 120, source, "Мария", phone, ConsentGiven: true));
    }

    private async Task<BotApiCall> BookInBotAsync(string time, bool sharePhone)
    {
        await PressAsync("home:book");
        await PressAsync($"bk:date:{TestDates.NextWednesdayText()}");
        await PressAsync("bk:party:2");
        var last = await PressAsync($"bk:time:{time}");
        last = await PressAsync("bk:zone:0");
        if (sharePhone)
        {
            last = (await _host.SendAsync(Chat, Updates.Contact(_host.Telegram.NextUpdateId(), Chat, "79162223344"), expectedCalls: 2))[1];
        }

        last.Text.Should().Contain("Проверьте бронь");
        return await PressAsync("bk:ok");
    }

    [Fact]
    public async Task Site_and_phone_bookings_join_the_telegram_guest_who_shares_that_phone()
    {
        var site = await BookAsync(BookingSource.Site, "16:00", "8 (916) 222-33-44");
        var phoned = await BookAsync(BookingSource.Phone, "22:00", "+7 916 222 33 44");
        site.Booking!.CustomerId.Should().Be(phoned.Booking!.CustomerId);

        (await BookInBotAsync("18:00", sharePhone: true)).Text.Should().MatchRegex("Бронь [A-Z0-9]{6}");

        await using var db = _host.Database.CreateContext();
        var guest = await db.Customers.SingleAsync(c => c.Phone == "+79162223344");
        guest.TelegramUserId.Should().Be(Chat);
        (await db.Bookings.CountAsync(b => b.CustomerId == guest.Id)).Should().Be(3);
        (await db.Customers.CountAsync()).Should().Be(1);
        (await db.CustomerEvents.SingleAsync()).Kind.Should().Be(CustomerEventKind.Merged);
    }

    [Fact]
    public async Task A_blocked_guest_is_told_politely_to_call_and_nothing_is_booked()
    {
        (await BookInBotAsync("18:00", sharePhone: true)).Text.Should().MatchRegex("Бронь [A-Z0-9]{6}");
        await using (var scope = _host.App!.Services.CreateAsyncScope())
        {
            var guest = await scope.ServiceProvider.GetRequiredService<Core.Data.LoungeDbContext>().Customers.SingleAsync();
            await scope.ServiceProvider.GetRequiredService<GuestRecords>().SetBlockedAsync(guest.Id, "неявки", "Анна");
        }

        var refused = await BookInBotAsync("21:00", sharePhone: false);

        refused.Text.Should().Contain("Не получилось").And.Contain("позвоните нам");
        refused.Text.Should().NotContain("неявки", "the staff's reason is not the guest's business");
        await using var db = _host.Database.CreateContext();
        (await db.Bookings.CountAsync()).Should().Be(1);
    }
}
