using HookahLounge.Core.Bookings;
using HookahLounge.Core.Notifications;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Bot.Tests;

/// <summary>
/// Site bookings confirmed in the bot (<c>PublicBookings:Verification=Bot</c>): the booking page's one-time
/// <c>/start bk_…</c> link shows the booking with a confirm button; confirming verifies it and joins its phone to the guest.
/// </summary>
public sealed class BookingLinkTests : IAsyncLifetime
{
    private BotHost _host = null!;

    public async Task InitializeAsync() => _host = await BotHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Notifications:DispatcherEnabled"] = "false",
        ["PublicBookings:Verification"] = "Bot",
        ["PublicBookings:CodeValidMinutes"] = "20",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Booking> BookOnSiteAsync(string time, string phone)
    {
        await using var scope = _host.App!.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<BookingService>().CreateAsync(new BookingRequest(
            TestDates.NextWednesday(), TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), 2, 120, BookingSource.Site, "Мария", phone,
            ConsentGiven: true, ClientIp: "203.0.113.7"));
        result.Error.Should().Be(BookingError.None);
        return result.Booking!;
    }

    private async Task<Booking> StoredAsync(int id)
    {
        await using var db = _host.Database.CreateContext();
        return await db.Bookings.AsNoTracking().Include(b => b.Customer).SingleAsync(b => b.Id == id);
    }

    private async Task<BotApiCall> OpenLinkAsync(long chat, string token) =>
        (await _host.SayAsync(chat, $"/start bk_{token}"))[^1];

    private async Task ConfirmsAsync(long chat, string time, string phone)
    {
        var booking = await BookOnSiteAsync(time, phone);
        booking.AwaitingVerification.Should().BeTrue();
        await using (var db = _host.Database.CreateContext())
        {
            (await db.Outbox.AnyAsync(m => m.Key.StartsWith($"booking:{booking.Id}:"))).Should().BeFalse("nobody hears of an unconfirmed site booking");
        }

        var token = BookingService.TelegramToken(booking);
        var card = await OpenLinkAsync(chat, token);
        card.Text.Should().Contain($"Подтвердите бронь {booking.Code}").And.Contain(time).And.Contain("Гостей: 2").And.Contain("Мария");
        card.ButtonData.Should().Equal($"bkv:yes:{token}");

        var done = await _host.PressAsync(chat, $"bkv:yes:{token}");

        done.Method.Should().Be("editmessagetext", "the card turns into the answer, without its button");
        done.Text.Should().Contain($"Бронь {booking.Code}").And.Contain("подтверждена");
        done.ButtonData.Should().BeEmpty();
        var stored = await StoredAsync(booking.Id);
        stored.AwaitingVerification.Should().BeFalse();
        stored.Customer!.TelegramUserId.Should().Be(chat);
        stored.Customer.Phone.Should().Be(stored.GuestPhone);
        await using (var db = _host.Database.CreateContext())
        {
            (await db.Customers.CountAsync(c => c.Phone == stored.GuestPhone)).Should().Be(1, "the booking's phone-only record joined the Telegram guest");
            (await db.Outbox.SingleAsync(m => m.Key == $"booking:{booking.Id}:received")).ChatId.Should().Be(chat, "the guest now hears of the booking in Telegram");
            (await db.Outbox.SingleAsync(m => m.Key == $"booking:{booking.Id}:staff-new")).Channel.Should().Be(NotificationChannel.Telegram);
        }

        (await OpenLinkAsync(chat, token)).Text.Should().Contain("уже подтверждена", "the link works once");
        (await _host.PressAsync(chat, $"bkv:yes:{token}")).Text.Should().Contain("уже подтверждена");
        (await StoredAsync(booking.Id)).Version.Should().Be(stored.Version, "a second tap changes nothing");
    }

    [Fact]
    public async Task A_guest_confirms_site_bookings_in_the_bot_twice_and_a_second_guest_too()
    {
        const long maria = 9601, ivan = 9602;

        await ConfirmsAsync(maria, "16:00", "8 (916) 222-33-44");
        await ConfirmsAsync(maria, "20:00", "+7 916 222-33-44");
        await ConfirmsAsync(ivan, "18:00", "+7 903 555-66-77");

        await using var db = _host.Database.CreateContext();
        var guest = await db.Customers.SingleAsync(c => c.TelegramUserId == maria);
        (await db.Bookings.CountAsync(b => b.CustomerId == guest.Id)).Should().Be(2);
        (await db.Customers.SingleAsync(c => c.TelegramUserId == ivan)).Phone.Should().Be("+79035556677");
        (await db.Customers.CountAsync()).Should().Be(2, "each phone-only record from the site merged into its Telegram guest");
    }

    [Fact]
    public async Task Forged_and_expired_links_get_a_polite_answer_and_change_nothing()
    {
        const long chat = 9603;
        var booking = await BookOnSiteAsync("19:00", "+7 916 000-11-22");
        var token = BookingService.TelegramToken(booking);
        var forged = new string('A', 32);

        (await OpenLinkAsync(chat, forged)).Text.Should().Contain("Не нашли бронь").And.Contain("позвоните");
        (await OpenLinkAsync(chat, "x")).Text.Should().Contain("Не нашли бронь");
        (await _host.PressAsync(chat, $"bkv:yes:{forged}")).Text.Should().Contain("Не нашли бронь");
        (await _host.PressAsync(chat, "bkv:yes")).Text.Should().Contain("Не нашли бронь");
        (await StoredAsync(booking.Id)).AwaitingVerification.Should().BeTrue();

        // The link is older than PublicBookings:CodeValidMinutes.
        await using (var db = _host.Database.CreateContext())
        {
            await db.Bookings.Where(b => b.Id == booking.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.CreatedAtUtc, b => b.CreatedAtUtc.AddMinutes(-21)));
        }

        (await OpenLinkAsync(chat, token)).Text.Should().Contain("устарела");
        (await _host.PressAsync(chat, $"bkv:yes:{token}")).Text.Should().Contain("устарела");
        var stored = await StoredAsync(booking.Id);
        stored.AwaitingVerification.Should().BeTrue();
        stored.Customer!.TelegramUserId.Should().BeNull("an expired link links nothing");
        (await _host.CustomerAsync(chat))!.Phone.Should().BeNull();

        // The release job frees the table of a booking nobody confirmed.
        await using (var scope = _host.App!.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<BookingService>().ExpireUnconfirmedCodesAsync()).Should().Be(1);
        }

        (await StoredAsync(booking.Id)).Status.Should().Be(BookingStatus.Cancelled);
        (await OpenLinkAsync(chat, token)).Text.Should().Contain("устарела");
    }
}
