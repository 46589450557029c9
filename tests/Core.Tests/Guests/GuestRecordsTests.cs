using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Tests.Bookings;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.Guests;

public sealed class GuestRecordsTests
{
    private static readonly DateOnly Saturday = new(2026, 11, 28);

    private static BookingRequest ByPhone(DateOnly date, TimeOnly time, string phone, string name = "Мария") =>
        new(date, time, 2, 120, BookingSource.Phone, name, phone);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Site_booking_phone_booking_and_a_phone_shared_in_the_bot_end_in_one_guest(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);

        var site = await host.CreateAsync(BookingHost.Guest(Saturday, new TimeOnly(18, 0), phone: "8 (916) 123-45-67"));
        var phoned = await host.CreateAsync(ByPhone(Saturday.AddDays(1), new TimeOnly(19, 0), "+7 916 123 45 67", "Маша"));
        var other = await host.CreateAsync(BookingHost.Guest(Saturday, new TimeOnly(20, 0), phone: "+7 903 000-00-01"));

        site.Succeeded.Should().BeTrue();
        phoned.Succeeded.Should().BeTrue();
        site.Booking!.CustomerId.Should().NotBeNull().And.Be(phoned.Booking!.CustomerId);
        other.Booking!.CustomerId.Should().NotBe(site.Booking.CustomerId);

        // The same guest opens the bot and shares the phone: the phone-only record joins the Telegram one.
        var telegramId = await host.WithAsync(async s =>
        {
            var directory = s.GetRequiredService<CustomerDirectory>();
            var db = s.GetRequiredService<LoungeDbContext>();
            var me = await directory.FindOrAddTelegramAsync(new TelegramIdentity(777001, 777001, "Мария", null, "masha", "ru"));
            await db.SaveChangesAsync();
            me.Phone = "+79161234567";
            await db.SaveChangesAsync();
            return me.Id;
        });

        await using var check = host.Database.CreateContext();
        (await check.Customers.CountAsync(c => c.Phone == "+79161234567")).Should().Be(1);
        (await check.Bookings.Where(b => b.CustomerId == telegramId).Select(b => b.Code).ToListAsync())
            .Should().BeEquivalentTo([site.Booking.Code, phoned.Booking.Code]);
        var guest = await check.Customers.SingleAsync(c => c.Id == telegramId);
        guest.TelegramUsername.Should().Be("masha");
        (await check.CustomerEvents.SingleAsync(e => e.CustomerId == telegramId)).Kind.Should().Be(CustomerEventKind.Merged);

        // A later site booking with that phone lands on the Telegram record too.
        var again = await host.CreateAsync(BookingHost.Guest(Saturday.AddDays(7), new TimeOnly(18, 0), phone: "89161234567"));
        again.Booking!.CustomerId.Should().Be(telegramId);
    }

    [Fact]
    public async Task A_blocked_guest_cannot_book_online_but_staff_can_still_book_them_by_phone()
    {
        await using var host = await BookingHost.StartAsync();
        var first = await host.CreateAsync(BookingHost.Guest(Saturday, new TimeOnly(18, 0)));
        var customerId = first.Booking!.CustomerId!.Value;
        await host.WithAsync(s => s.GetRequiredService<GuestRecords>().SetBlockedAsync(customerId, "три неявки подряд", "Анна"));

        var online = await host.CreateAsync(BookingHost.Guest(Saturday.AddDays(1), new TimeOnly(18, 0), phone: "8 916 123-45-67"));
        var phoned = await host.CreateAsync(ByPhone(Saturday.AddDays(1), new TimeOnly(18, 0), "+79161234567"));

        online.Error.Should().Be(BookingError.Blocked);
        phoned.Succeeded.Should().BeTrue();
        phoned.Booking!.CustomerId.Should().Be(customerId);

        await host.WithAsync(s => s.GetRequiredService<GuestRecords>().SetBlockedAsync(customerId, null, "Анна"));
        (await host.CreateAsync(BookingHost.Guest(Saturday.AddDays(2), new TimeOnly(18, 0)))).Succeeded.Should().BeTrue();
        await using var db = host.Database.CreateContext();
        (await db.CustomerEvents.Where(e => e.CustomerId == customerId).Select(e => e.Kind).ToListAsync())
            .Should().BeEquivalentTo([CustomerEventKind.Blocked, CustomerEventKind.Unblocked]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_card_adds_up_visits_spend_no_shows_late_cancellations_and_favourites(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        var id = await GuestFixture.CreateAsync(host);

        var card = (await host.WithAsync(s => s.GetRequiredService<GuestRecords>().CardAsync(id)))!;

        card.Visits.Should().Be(3, "two bookings the guest came to and one table visit");
        card.FirstVisitUtc.Should().Be(GuestFixture.Utc(2026, 9, 5, 20, 0));
        card.LastVisitUtc.Should().Be(GuestFixture.Utc(2026, 11, 20, 23, 30));
        card.Bookings.Should().Be(5);
        card.NoShows.Should().Be(1);
        card.LateCancellations.Should().Be(1, "one cancelled an hour before, the other two days before");
        card.Orders.Should().Be(3, "the declined order does not count");
        card.TotalSpent.Should().Be(1800m + 2400m + 550m);
        card.AverageCheck.Should().Be(1583.33m);
        card.FavouriteItems[0].Should().Be(new Favourite("Кальян классический", 3));
        card.FavouriteMixes[0].Name.Should().Be("Darkside: манго, мята; средний");
        card.Status.Should().Be(GuestStatus.Regular);

        var list = await host.WithAsync(s => s.GetRequiredService<GuestRecords>().SearchAsync(new GuestFilter(Status: GuestStatus.Regular)));
        list.Rows.Select(r => r.Customer.Id).Should().Equal(id);
        list.Rows[0].Visits.Should().Be(3);
        list.Rows[0].LastVisitUtc.Should().Be(GuestFixture.Utc(2026, 11, 20, 23, 30));
        (await host.WithAsync(s => s.GetRequiredService<GuestRecords>().SearchAsync(new GuestFilter(Query: "@gostya")))).Rows.Should().ContainSingle();
        (await host.WithAsync(s => s.GetRequiredService<GuestRecords>().SearchAsync(new GuestFilter(Query: "916 555")))).Rows.Should().ContainSingle();
        (await host.WithAsync(s => s.GetRequiredService<GuestRecords>().SearchAsync(new GuestFilter(Tag: "VIP")))).Rows.Should().ContainSingle();
        (await host.WithAsync(s => s.GetRequiredService<GuestRecords>().SearchAsync(new GuestFilter(Status: GuestStatus.Lapsed)))).Rows.Should().BeEmpty();
    }

    [Fact]
    public async Task Export_and_anonymisation_are_recorded_and_keep_the_figures()
    {
        await using var host = await BookingHost.StartAsync();
        var id = await GuestFixture.CreateAsync(host);
        var records = (Func<IServiceProvider, GuestRecords>)(s => s.GetRequiredService<GuestRecords>());

        var json = await host.WithAsync(s => records(s).ExportAsync(id, "Анна"));
        json.Should().Contain("+79165550011").And.Contain("Кальян классический").And.Contain("\"bookings\"");

        (await host.WithAsync(s => records(s).AnonymiseAsync(id, "Анна"))).Should().BeTrue();
        var card = (await host.WithAsync(s => records(s).CardAsync(id)))!;
        card.Customer.Name.Should().BeNull();
        card.Customer.Phone.Should().BeNull();
        card.Customer.TelegramUsername.Should().BeNull();
        card.Customer.Notes.Should().BeNull();
        card.BookingHistory.Should().OnlyContain(b => b.GuestPhone == null && b.GuestName == "—");
        card.TotalSpent.Should().Be(4750m);
        card.Visits.Should().Be(3);
        card.Events.Select(e => e.Kind).Should().BeEquivalentTo([CustomerEventKind.Exported, CustomerEventKind.Anonymised]);
        (await host.WithAsync(s => records(s).SearchAsync(new GuestFilter(Query: "Гостья")))).Rows.Should().BeEmpty();
    }

    [Fact]
    public async Task Staff_merge_two_records_by_hand_and_nothing_is_lost()
    {
        await using var host = await BookingHost.StartAsync();
        var id = await GuestFixture.CreateAsync(host);
        var other = await host.CreateAsync(ByPhone(Saturday, new TimeOnly(18, 0), "+7 903 111-22-33", "Оля (второй номер)"));
        var otherId = other.Booking!.CustomerId!.Value;

        (await host.WithAsync(s => s.GetRequiredService<CustomerMerger>().MergeAsync(id, otherId, "Анна"))).Should().BeTrue();

        var card = (await host.WithAsync(s => s.GetRequiredService<GuestRecords>().CardAsync(id)))!;
        card.Bookings.Should().Be(6);
        card.TotalSpent.Should().Be(4750m);
        card.Customer.Phone.Should().Be("+79165550011");
        await using var db = host.Database.CreateContext();
        (await db.Customers.AnyAsync(c => c.Id == otherId)).Should().BeFalse();
    }
}

/// <summary>One regular guest with a hand-counted history (Moscow times; the host's clock is 2026-11-26 12:00).</summary>
internal static class GuestFixture
{
    public static DateTime Utc(int y, int mo, int d, int h, int mi) => new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Utc).AddHours(-3);

    public static async Task<int> CreateAsync(BookingHost host)
    {
        await using var db = host.Database.CreateContext();
        var table = await db.Tables.OrderBy(t => t.Number).FirstAsync();
        var guest = new Customer
        {
            Name = "Гостья Оля", Phone = "+79165550011", TelegramUserId = 555011, TelegramChatId = 555011, TelegramUsername = "gostya",
            Tags = CustomerTags.FromText("VIP, аллергия на мяту"), CreatedAtUtc = Utc(2026, 9, 1, 12, 0),
        };
        db.Customers.Add(guest);
        await db.SaveChangesAsync();

        Booking Book(string code, DateTime start, BookingStatus status) => new()
        {
            Code = code, GuestName = "Оля", GuestPhone = guest.Phone, CustomerId = guest.Id, PartySize = 2, StartUtc = start,
            EndUtc = start.AddHours(2), TableId = table.Id, Status = status, Source = BookingSource.Bot, CreatedAtUtc = start.AddDays(-1),
        };

        var came1 = Book("GRA001", Utc(2026, 9, 5, 20, 0), BookingStatus.Completed);
        var came2 = Book("GRA002", Utc(2026, 11, 20, 23, 30), BookingStatus.Completed); // across midnight
        var noShow = Book("GRA003", Utc(2026, 10, 10, 21, 0), BookingStatus.NoShow);
        var lateCancel = Book("GRA004", Utc(2026, 10, 17, 21, 0), BookingStatus.Cancelled);
        var earlyCancel = Book("GRA005", Utc(2026, 10, 24, 21, 0), BookingStatus.Cancelled);
        db.Bookings.AddRange(came1, came2, noShow, lateCancel, earlyCancel);
        await db.SaveChangesAsync();
        db.BookingStatusChanges.AddRange(
            new BookingStatusChange { BookingId = lateCancel.Id, From = BookingStatus.Confirmed, To = BookingStatus.Cancelled, ByKind = ActorKind.Guest, AtUtc = lateCancel.StartUtc.AddHours(-1) },
            new BookingStatusChange { BookingId = earlyCancel.Id, From = BookingStatus.Confirmed, To = BookingStatus.Cancelled, ByKind = ActorKind.Guest, AtUtc = earlyCancel.StartUtc.AddDays(-2) });
        db.Visits.Add(new Visits.Visit { CustomerId = guest.Id, TableId = table.Id, OpenedAtUtc = Utc(2026, 10, 3, 19, 0), ClosedAtUtc = Utc(2026, 10, 3, 22, 0) });

        Order Ordered(DateTime at, OrderStatus status, params OrderLine[] lines) => new()
        {
            CustomerId = guest.Id, Status = status, Type = OrderType.ToBooking, CreatedAtUtc = at, Lines = [.. lines],
            Total = lines.Sum(l => l.UnitPrice * l.Quantity),
        };

        OrderLine Hookah(int quantity, decimal price = 1200m) => new()
        {
            ItemName = "Кальян классический", OptionsSummary = "Darkside: манго, мята; средний", UnitPrice = price, Quantity = quantity,
        };

        db.Orders.AddRange(
            Ordered(Utc(2026, 9, 5, 20, 10), OrderStatus.Completed, Hookah(1), new OrderLine { ItemName = "Пуэр", UnitPrice = 600m, Quantity = 1 }),
            Ordered(Utc(2026, 10, 3, 19, 10), OrderStatus.Completed, Hookah(2)),
            Ordered(Utc(2026, 11, 20, 23, 40), OrderStatus.Accepted, new OrderLine { ItemName = "Лимонад", UnitPrice = 550m, Quantity = 1 }),
            Ordered(Utc(2026, 11, 20, 23, 50), OrderStatus.Declined, Hookah(5)));
        await db.SaveChangesAsync();
        return guest.Id;
    }
}
