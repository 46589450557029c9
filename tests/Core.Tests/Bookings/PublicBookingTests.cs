using System.Text.RegularExpressions;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Notifications;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.Bookings;

/// <summary>Anonymous bookings from the website: daily limits, and nothing costly until someone vouches for them.</summary>
public sealed class PublicBookingTests
{
    private static readonly DateOnly Friday = new(2026, 11, 27);

    private static BookingRequest Site(TimeOnly time, string phone, string ip) =>
        BookingHost.Guest(Friday, time, phone: phone) with { ClientIp = ip };

    private static async Task<List<OutboxMessage>> OutboxAsync(BookingHost host)
    {
        await using var db = host.Database.CreateContext();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Site_bookings_are_limited_per_phone_and_per_address_for_the_business_day(string provider)
    {
        // 01:30 on Thursday night: still Wednesday's business day until 06:00.
        await using var host = await BookingHost.StartAsync(provider, new DateTime(2026, 11, 26, 1, 30, 0), new()
        {
            ["PublicBookings:PerPhonePerDay"] = "2",
            ["PublicBookings:PerIpPerDay"] = "3",
        });

        (await host.CreateAsync(Site(new(18, 0), "+79160000001", "203.0.113.7"))).Error.Should().Be(BookingError.None);
        (await host.CreateAsync(Site(new(18, 30), "+7 916 000-00-01", "198.51.100.1"))).Error.Should().Be(BookingError.None);
        (await host.CreateAsync(Site(new(19, 0), "8 916 000 00 01", "198.51.100.2"))).Error.Should().Be(BookingError.TooManyBookings, "the same phone, written differently");
        (await host.CreateAsync(Site(new(19, 0), "+79160000002", "203.0.113.7"))).Error.Should().Be(BookingError.None);
        (await host.CreateAsync(Site(new(19, 30), "+79160000003", "203.0.113.7"))).Error.Should().Be(BookingError.None);
        (await host.CreateAsync(Site(new(20, 0), "+79160000004", "203.0.113.7"))).Error.Should().Be(BookingError.TooManyBookings, "the fourth from one address");
        (await host.CreateAsync(BookingHost.Guest(Friday, new(20, 0), phone: "+79160000001") with { Source = BookingSource.Bot }))
            .Error.Should().Be(BookingError.None, "the limits are for anonymous site bookings");

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.FromHours(3)));
        (await host.CreateAsync(Site(new(20, 30), "+79160000001", "203.0.113.7"))).Error.Should().Be(BookingError.None, "a new business day began at 06:00");
    }

    [Fact]
    public async Task A_site_booking_waits_for_staff_and_no_guest_is_told_anything_until_they_confirm()
    {
        await using var host = await BookingHost.StartAsync(settings: new() { ["Telegram:StaffChatId"] = "-1001234567890", ["PublicBookings:Verification"] = "Staff" });
        await host.WithAsync(async s =>
        {
            var store = s.GetRequiredService<BookingSettingsStore>();
            var settings = await store.GetAsync();
            settings.AutoConfirm = true;
            return await store.SaveAsync(settings);
        });

        var booking = (await host.CreateAsync(Site(new(20, 0), "+79160000011", "203.0.113.8"))).Booking!;

        booking.Status.Should().Be(BookingStatus.New, "an unverified booking is not confirmed automatically");
        booking.AwaitingVerification.Should().BeTrue();
        var queued = await OutboxAsync(host);
        queued.Should().NotContain(m => m.Channel == NotificationChannel.Sms, "no SMS to a phone anyone can type");
        queued.Single(m => m.Key == $"booking:{booking.Id}:staff-new").Text.Should().Contain("не подтверждена");

        (await host.WithAsync(s => s.GetRequiredService<BookingService>().ChangeStatusAsync(booking.Id, BookingAction.Confirm, Actor.Staff(1, "Анна"))))
            .Succeeded.Should().BeTrue();

        await using var db = host.Database.CreateContext();
        (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).AwaitingVerification.Should().BeFalse();
        (await OutboxAsync(host)).Should().ContainSingle(m => m.Key == $"booking:{booking.Id}:Confirmed" && m.Channel == NotificationChannel.Sms);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task With_sms_verification_only_the_code_goes_out_until_the_guest_types_it(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider, settings: new() { ["Telegram:StaffChatId"] = "-1001234567890", ["PublicBookings:Verification"] = "Sms" });
        var booking = (await host.CreateAsync(Site(new(20, 0), "+79160000021", "203.0.113.9"))).Booking!;
        var codeMessage = (await OutboxAsync(host)).Single();
        codeMessage.Key.Should().Be($"booking:{booking.Id}:code");
        codeMessage.Kind.Should().Be(NotificationKind.PublicRequest);
        var code = Regex.Match(codeMessage.Text, @"\b\d{6}\b").Value;
        Task<BookingResult> VerifyAsync(string typed) => host.WithAsync(s => s.GetRequiredService<BookingService>().VerifyAsync(booking.Id, typed));

        (await VerifyAsync(code == "000000" ? "111111" : "000000")).Error.Should().Be(BookingError.CodeInvalid);
        (await OutboxAsync(host)).Should().HaveCount(1, "a wrong code tells nobody anything");

        (await VerifyAsync(code)).Error.Should().Be(BookingError.None);
        var after = await OutboxAsync(host);
        after.Should().Contain(m => m.Key == $"booking:{booking.Id}:staff-new").And.Contain(m => m.Key == $"booking:{booking.Id}:received");
        await using var db = host.Database.CreateContext();
        (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).AwaitingVerification.Should().BeFalse();
    }

    [Fact]
    public async Task Guessing_the_code_stops_after_the_allowed_attempts()
    {
        await using var host = await BookingHost.StartAsync(settings: new() { ["PublicBookings:Verification"] = "Sms", ["PublicBookings:MaxCodeAttempts"] = "3" });
        var booking = (await host.CreateAsync(Site(new(20, 0), "+79160000031", "203.0.113.10"))).Booking!;
        var code = Regex.Match((await OutboxAsync(host)).Single().Text, @"\b\d{6}\b").Value;
        var wrong = code == "000000" ? "111111" : "000000";
        Task<BookingResult> VerifyAsync(string typed) => host.WithAsync(s => s.GetRequiredService<BookingService>().VerifyAsync(booking.Id, typed));

        for (var i = 0; i < 3; i++)
        {
            (await VerifyAsync(wrong)).Error.Should().Be(BookingError.CodeInvalid);
        }

        (await VerifyAsync(code)).Error.Should().Be(BookingError.CodeInvalid, "three wrong codes used up the attempts");
    }

    [Fact]
    public async Task An_sms_booking_whose_code_is_never_typed_gives_its_table_back_quietly_and_gets_no_reminder()
    {
        // Thursday 12:00; the booking is for Friday 20:00.
        await using var host = await BookingHost.StartAsync(settings: new() { ["PublicBookings:Verification"] = "Sms", ["PublicBookings:CodeValidMinutes"] = "20" });
        var booking = (await host.CreateAsync(Site(new(20, 0), "+79160000041", "203.0.113.11") with { PartySize = 10 })).Booking!;
        Task<int> ReleaseAsync() => host.WithAsync(s => s.GetRequiredService<BookingReminders>().ReleaseAsync());

        host.Clock.Advance(TimeSpan.FromMinutes(19));
        await ReleaseAsync();
        (await host.SlotsAsync(Friday, 10)).Select(s => s.LocalStart.TimeOfDay).Should().NotContain(new TimeSpan(20, 0, 0), "the code may still come");

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        await ReleaseAsync();

        await using (var db = host.Database.CreateContext())
        {
            (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(BookingStatus.Cancelled);
        }

        (await host.SlotsAsync(Friday, 10)).Select(s => s.LocalStart.TimeOfDay).Should().Contain(new TimeSpan(20, 0, 0));
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.FromHours(3)));
        await host.WithAsync(s => s.GetRequiredService<BookingReminders>().SendDueAsync());
        (await OutboxAsync(host)).Select(m => m.Key).Should().Equal([$"booking:{booking.Id}:code"], "only the code was ever sent to the typed phone");
    }

    [Fact]
    public async Task An_unverified_booking_gets_no_reminder_sms()
    {
        await using var host = await BookingHost.StartAsync(settings: new() { ["PublicBookings:Verification"] = "Staff" });
        var booking = (await host.CreateAsync(Site(new(20, 0), "+79160000051", "203.0.113.12"))).Booking!;

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.FromHours(3)));
        (await host.WithAsync(s => s.GetRequiredService<BookingReminders>().SendDueAsync())).Should().Be(0);
        (await OutboxAsync(host)).Should().NotContain(m => m.Key == $"booking:{booking.Id}:reminder");
    }
}
