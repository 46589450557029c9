using HookahLounge.Core.Bookings;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.Bookings;

/// <summary>The rules staff bookings share on every front end: nothing in the past (business-day aware), walk-ins, search.</summary>
public sealed class StaffBookingRulesTests
{
    private static readonly DateOnly Friday = new(2026, 11, 27);

    private static BookingRequest Phone(DateOnly date, TimeOnly time, int? tableId = null) =>
        new(date, time, 2, 120, BookingSource.Phone, "Сергей", "+7 916 555-44-33", TableId: tableId);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task At_01_16_staff_can_book_later_tonight_but_not_earlier_tonight_nor_a_past_night(string provider)
    {
        // Saturday 01:16 in Moscow: still Friday's business day.
        await using var host = await BookingHost.StartAsync(provider, moscowNow: new DateTime(2026, 11, 28, 1, 16, 0));

        (await host.CreateAsync(Phone(Friday, new TimeOnly(23, 0)))).Error.Should().Be(BookingError.InPast, "23:00 on Friday's night has passed");
        (await host.CreateAsync(Phone(new DateOnly(2026, 11, 20), new TimeOnly(20, 0)))).Error.Should().Be(BookingError.InPast);
        (await host.CreateAsync(Phone(Friday, new TimeOnly(0, 30)))).Error.Should().Be(BookingError.InPast, "00:30 after midnight was 46 minutes ago");
        (await host.CreateAsync(Phone(Friday, new TimeOnly(1, 5)))).Error.Should().Be(BookingError.None, "a guest who sat down a few minutes ago can still be written down");
        (await host.CreateAsync(Phone(Friday, new TimeOnly(1, 30)))).Error.Should().Be(BookingError.None, "01:30 belongs to Friday's night and is ahead");
        (await host.CreateAsync(Phone(new DateOnly(2026, 11, 28), new TimeOnly(1, 30)))).Error.Should().Be(BookingError.None, "Saturday's night is tomorrow evening");

        await using var db = host.Database.CreateContext();
        (await db.Bookings.CountAsync()).Should().Be(3);
        (await db.Outbox.CountAsync(m => m.Channel == HookahLounge.Core.Notifications.NotificationChannel.Sms)).Should().Be(3, "only the accepted bookings text the guest");
    }

    [Fact]
    public async Task A_late_guests_booking_can_change_table_but_not_move_into_the_past()
    {
        await using var host = await BookingHost.StartAsync(moscowNow: new DateTime(2026, 11, 27, 20, 0, 0));
        var booking = (await host.CreateAsync(Phone(Friday, new TimeOnly(20, 30)))).Booking!;
        host.Clock.Advance(TimeSpan.FromMinutes(50)); // 20:50: the guest is late, still held
        var other = await host.TableIdAsync(3);

        var staff = Actor.Staff(1, "Анна");
        var changedTable = await host.WithAsync(s => s.GetRequiredService<BookingService>().RescheduleAsync(booking.Id, Friday, new TimeOnly(20, 30), 120, other, staff));
        var intoThePast = await host.WithAsync(s => s.GetRequiredService<BookingService>().RescheduleAsync(booking.Id, Friday, new TimeOnly(20, 0), 120, other, staff));

        changedTable.Error.Should().Be(BookingError.None, "keeping the start is no booking in the past");
        intoThePast.Error.Should().Be(BookingError.InPast);
        await using var db = host.Database.CreateContext();
        (await db.Bookings.SingleAsync()).TableId.Should().Be(other);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_walk_in_is_seated_until_the_tables_next_booking_and_not_twice(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider, moscowNow: new DateTime(2026, 11, 27, 21, 10, 0));
        var table = await host.TableIdAsync(2);
        await host.CreateAsync(Phone(Friday, new TimeOnly(22, 30), table));
        var staff = Actor.Staff(1, "Анна");

        var first = await host.WithAsync(s => s.GetRequiredService<BookingService>().SeatWalkInAsync(table, null, staff));
        var second = await host.WithAsync(s => s.GetRequiredService<BookingService>().SeatWalkInAsync(table, null, staff));

        first.Error.Should().Be(BookingError.None);
        first.Booking!.Status.Should().Be(BookingStatus.Seated);
        first.Booking.EndUtc.Should().Be(new DateTime(2026, 11, 27, 19, 30, 0, DateTimeKind.Utc), "until 22:30, when the table is booked");
        second.Error.Should().Be(BookingError.SlotTaken);

        var floor = await host.WithAsync(s => s.GetRequiredService<FloorStatus>().NowAsync());
        floor.Single(t => t.Table.Id == table).State.Should().Be(TableState.Seated);
        floor.Where(t => t.Table.Id != table).Should().OnlyContain(t => t.State == TableState.Free);

        host.Clock.Advance(TimeSpan.FromMinutes(65)); // 22:15: the table is needed at 22:30
        var tooShort = await host.WithAsync(s => s.GetRequiredService<BookingService>().SeatWalkInAsync(table, null, staff));
        tooShort.Error.Should().Be(BookingError.SlotTaken, "the walk-in from 21:10 still sits there until 22:30");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_matches_name_in_any_case_phone_digits_and_code(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider, moscowNow: new DateTime(2026, 11, 27, 12, 0, 0));
        var booking = (await host.CreateAsync(new BookingRequest(Friday, new TimeOnly(20, 0), 2, 120, BookingSource.Phone, "Ёлкина Мария", "+7 916 765-43-21"))).Booking!;

        foreach (var query in new[] { "ёлкина", "Мария", "4321", "8 916 765 43 21", booking.Code.ToLowerInvariant() })
        {
            (await host.WithAsync(s => s.GetRequiredService<BookingService>().SearchAsync(query))).Select(b => b.Id).Should().Equal([booking.Id], query);
        }

        (await host.WithAsync(s => s.GetRequiredService<BookingService>().SearchAsync("z"))).Should().BeEmpty("one letter finds too much");
    }
}
