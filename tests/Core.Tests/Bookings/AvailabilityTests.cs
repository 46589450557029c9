using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Lounge;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.Bookings;

public sealed class AvailabilityTests
{
    private static readonly DateOnly Friday = new(2026, 11, 27);

    [Fact]
    public async Task A_friday_night_offers_starts_past_midnight_until_the_last_seating()
    {
        await using var host = await BookingHost.StartAsync();

        var slots = await host.SlotsAsync(Friday, party: 2);

        var starts = slots.Select(s => s.LocalStart).ToList();
        starts.First().Should().Be(new DateTime(2026, 11, 27, 14, 0, 0));
        starts.Should().Contain(new DateTime(2026, 11, 28, 1, 30, 0));
        starts.Last().Should().Be(new DateTime(2026, 11, 28, 2, 0, 0), "Friday closes at 04:00 and a 2-hour visit must end by then");
        starts.Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();
        slots.First().StartUtc.Should().Be(new DateTime(2026, 11, 27, 11, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Lead_time_and_horizon_limit_what_guests_can_book()
    {
        await using var host = await BookingHost.StartAsync(moscowNow: new DateTime(2026, 11, 27, 19, 10, 0));

        var today = (await host.SlotsAsync(Friday, party: 2)).Select(s => s.LocalStart).ToList();
        today.Should().NotContain(new DateTime(2026, 11, 27, 20, 0, 0), "less than an hour ahead");
        today.First().Should().Be(new DateTime(2026, 11, 27, 20, 30, 0));

        (await host.SlotsAsync(Friday.AddDays(30), party: 2)).Should().NotBeEmpty();
        (await host.SlotsAsync(Friday.AddDays(31), party: 2)).Should().BeEmpty();
        (await host.CreateAsync(BookingHost.Guest(Friday.AddDays(31), new TimeOnly(20, 0)))).Error.Should().Be(BookingError.TooFarAhead);
        (await host.CreateAsync(BookingHost.Guest(Friday, new TimeOnly(19, 30)))).Error.Should().Be(BookingError.TooSoon);
    }

    [Fact]
    public async Task Starts_that_do_not_exist_on_the_clock_are_skipped_when_summer_time_begins()
    {
        // Berlin moves from 02:00 to 03:00 on 2027-03-28, inside Saturday night's session.
        await using var host = await BookingHost.StartAsync(moscowNow: new DateTime(2027, 3, 20, 12, 0, 0), settings: new()
        {
            ["Lounge:TimeZone"] = "Europe/Berlin",
        });

        var starts = (await host.SlotsAsync(new DateOnly(2027, 3, 27), party: 2, duration: 60)).Select(s => s.LocalStart).ToList();

        starts.Should().Contain(new DateTime(2027, 3, 28, 1, 30, 0));
        starts.Should().NotContain(new DateTime(2027, 3, 28, 2, 0, 0)).And.NotContain(new DateTime(2027, 3, 28, 2, 30, 0));
        starts.Should().Contain(new DateTime(2027, 3, 28, 3, 0, 0));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 3)]
    [InlineData(5, 5)]
    [InlineData(6, 6)]
    [InlineData(9, 8)]
    public async Task The_smallest_fitting_free_table_is_assigned(int party, int expectedTable)
    {
        await using var host = await BookingHost.StartAsync();

        var result = await host.CreateAsync(BookingHost.Guest(Friday, new TimeOnly(20, 0), party));

        result.Error.Should().Be(BookingError.None);
        (await host.TableNumberAsync(result.Booking!.TableId)).Should().Be(expectedTable);
    }

    [Fact]
    public async Task When_the_smallest_table_is_taken_the_next_one_is_used_and_then_the_time_is_full()
    {
        await using var host = await BookingHost.StartAsync();

        var first = await host.CreateAsync(BookingHost.Guest(Friday, new TimeOnly(20, 0), party: 10));
        var second = await host.CreateAsync(BookingHost.Guest(Friday, new TimeOnly(21, 0), party: 10));

        first.Error.Should().Be(BookingError.None);
        second.Error.Should().Be(BookingError.SlotTaken, "the only 10-seat room is held from 20:00 to 22:00");
        second.Alternatives.Should().Contain(new DateTime(2026, 11, 27, 22, 0, 0));
        second.Alternatives.Should().HaveCountLessThanOrEqualTo(3);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Many_simultaneous_requests_for_one_table_and_time_yield_exactly_one_booking(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        var vipRoom = await host.TableIdAsync(8);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            host.CreateAsync(BookingHost.Guest(Friday, new TimeOnly(20, 0), party: 8, phone: $"+7916000{i:0000}", tableId: vipRoom)))));

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Error == BookingError.SlotTaken && r.Alternatives.Count > 0);
        await using var db = host.Database.CreateContext();
        (await db.Bookings.CountAsync(b => b.TableId == vipRoom)).Should().Be(1);
    }

    [Fact]
    public async Task The_database_itself_refuses_overlapping_bookings_of_a_table_on_postgresql()
    {
        if (!PostgresServer.IsAvailable)
        {
            return;
        }

        await using var host = await BookingHost.StartAsync("Postgres");
        var table = await host.TableIdAsync(3);
        var start = new DateTime(2026, 11, 27, 17, 0, 0, DateTimeKind.Utc);
        await using var db = host.Database.CreateContext();
        db.Bookings.Add(new Booking { Code = "AAAAA1", GuestName = "A", PartySize = 2, TableId = table, StartUtc = start, EndUtc = start.AddHours(2) });
        await db.SaveChangesAsync();

        db.Bookings.Add(new Booking { Code = "AAAAA2", GuestName = "B", PartySize = 2, TableId = table, StartUtc = start.AddHours(1), EndUtc = start.AddHours(3) });
        var refused = await db.Invoking(d => d.SaveChangesAsync()).Should().ThrowAsync<DbUpdateException>();
        refused.Which.InnerException.Should().BeOfType<Npgsql.PostgresException>().Which.SqlState.Should().Be("23P01");

        db.ChangeTracker.Clear();
        db.Bookings.Add(new Booking { Code = "AAAAA3", GuestName = "C", PartySize = 2, TableId = table, StartUtc = start.AddHours(2), EndUtc = start.AddHours(4) });
        await db.SaveChangesAsync();
        db.Bookings.Add(new Booking { Code = "AAAAA4", GuestName = "D", PartySize = 2, TableId = table, StartUtc = start, EndUtc = start.AddHours(2), Status = BookingStatus.Cancelled });
        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_guest_cancelling_frees_the_table_for_someone_else(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        var vip = await host.TableIdAsync(8);
        var first = await host.CreateAsync(BookingHost.Guest(Friday, new TimeOnly(20, 0), party: 8, tableId: vip));
        (await host.CreateAsync(BookingHost.Guest(Friday, new TimeOnly(20, 30), party: 8, tableId: vip))).Error.Should().Be(BookingError.SlotTaken);

        var cancel = await host.WithAsync(s => s.GetRequiredService<BookingService>().ChangeStatusAsync(first.Booking!.Id, BookingAction.Cancel, Actor.BookingHolder));

        cancel.Succeeded.Should().BeTrue();
        (await host.CreateAsync(BookingHost.Guest(Friday, new TimeOnly(20, 30), party: 8, tableId: vip))).Error.Should().Be(BookingError.None);
    }

    [Fact]
    public async Task Moving_a_booking_secures_the_new_time_before_giving_up_the_old_one()
    {
        await using var host = await BookingHost.StartAsync();
        var vip = await host.TableIdAsync(8);
        var mine = (await host.CreateAsync(BookingHost.Guest(Friday, new TimeOnly(18, 0), party: 8, tableId: vip))).Booking!;
        await host.CreateAsync(BookingHost.Guest(Friday, new TimeOnly(22, 0), party: 8, tableId: vip));

        var onto = await host.WithAsync(s => s.GetRequiredService<BookingService>().RescheduleAsync(mine.Id, Friday, new TimeOnly(21, 0), 120, null, Actor.Staff(1, "Анна")));
        onto.Error.Should().Be(BookingError.SlotTaken);
        await using (var db = host.Database.CreateContext())
        {
            (await db.Bookings.SingleAsync(b => b.Id == mine.Id)).StartUtc.Should().Be(mine.StartUtc, "a failed move keeps the old time");
        }

        var moved = await host.WithAsync(s => s.GetRequiredService<BookingService>().RescheduleAsync(mine.Id, Friday, new TimeOnly(19, 0), 180, null, Actor.Staff(1, "Анна")));
        moved.Error.Should().Be(BookingError.None);
        (await host.CreateAsync(BookingHost.Guest(Friday, new TimeOnly(17, 0), party: 8, duration: 120, tableId: vip))).Error.Should().Be(BookingError.None, "18:00–19:00 was given up");
    }

    [Theory]
    [InlineData(0, 120, "Мария", "+79161234567", true, BookingError.PartySize)]
    [InlineData(11, 120, "Мария", "+79161234567", true, BookingError.PartySize)]
    [InlineData(2, 45, "Мария", "+79161234567", true, BookingError.Duration)]
    [InlineData(2, 300, "Мария", "+79161234567", true, BookingError.Duration)]
    [InlineData(2, 120, " ", "+79161234567", true, BookingError.NameMissing)]
    [InlineData(2, 120, "Мария", "12345", true, BookingError.PhoneInvalid)]
    [InlineData(2, 120, "Мария", "", true, BookingError.PhoneInvalid)]
    [InlineData(2, 120, "Мария", "+79161234567", false, BookingError.ConsentMissing)]
    public async Task Bad_requests_are_refused_with_a_reason_and_nothing_is_saved(int party, int duration, string name, string phone, bool consent, BookingError expected)
    {
        await using var host = await BookingHost.StartAsync();

        var result = await host.CreateAsync(new BookingRequest(Friday, new TimeOnly(20, 0), party, duration, BookingSource.Site, name, phone, ConsentGiven: consent));

        result.Error.Should().Be(expected);
        await using var db = host.Database.CreateContext();
        (await db.Bookings.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Closed_days_and_times_outside_the_hours_are_refused()
    {
        await using var host = await BookingHost.StartAsync();
        await host.WithAsync(s => s.GetRequiredService<OpeningScheduleStore>().SetExceptionAsync(Friday.AddDays(7), null, null, "Закрытое мероприятие"));

        (await host.CreateAsync(BookingHost.Guest(Friday.AddDays(7), new TimeOnly(20, 0)))).Error.Should().Be(BookingError.Closed);
        (await host.SlotsAsync(Friday.AddDays(7), 2)).Should().BeEmpty();
        (await host.CreateAsync(BookingHost.Guest(Friday, new TimeOnly(10, 0)))).Error.Should().Be(BookingError.OutsideHours);
        (await host.CreateAsync(BookingHost.Guest(Friday, new TimeOnly(3, 0)))).Error.Should().Be(BookingError.OutsideHours, "03:00 + 2 h runs past the 04:00 closing");
    }

    [Theory]
    [InlineData("+7 916 123-45-67", "+79161234567")]
    [InlineData("8 (916) 123-45-67", "+79161234567")]
    [InlineData("9161234567", "+79161234567")]
    [InlineData("79161234567", "+79161234567")]
    [InlineData("+49 30 1234567", "+49301234567")]
    public void Phones_are_normalised(string input, string expected)
    {
        PhoneNumber.TryNormalize(input, out var normalized).Should().BeTrue();
        normalized.Should().Be(expected);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("+7 916 123")]
    [InlineData("позвоните мне")]
    [InlineData("+7 916 123-45-67 доб. 2")]
    [InlineData("")]
    public void Bad_phones_are_rejected(string input) => PhoneNumber.TryNormalize(input, out _).Should().BeFalse();
}
