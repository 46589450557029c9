using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Notifications;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.Bookings;

public sealed class ReminderTests
{
    private static readonly DateOnly Friday = new(2026, 11, 27);

    private static async Task<Booking> BookAsync(BookingHost host, TimeOnly time, DateOnly? date = null, bool telegram = true)
    {
        int? customerId = null;
        if (telegram)
        {
            await using var db = host.Database.CreateContext();
            var customer = new Customer { TelegramUserId = 555, TelegramChatId = 555, Name = "Ира", CreatedAtUtc = DateTime.UtcNow };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            customerId = customer.Id;
        }

        var result = await host.CreateAsync(new BookingRequest(date ?? Friday, time, 3, 120, BookingSource.Bot, "Ира", "+79161234567", customerId));
        return result.Booking ?? throw new InvalidOperationException(result.Error.ToString());
    }

    private static Task<int> RunAsync(BookingHost host) => host.WithAsync(s => s.GetRequiredService<BookingReminders>().SendDueAsync());

    private static async Task<List<OutboxMessage>> RemindersAsync(BookingHost host)
    {
        await using var db = host.Database.CreateContext();
        return await db.Outbox.Where(m => m.Key.EndsWith(":reminder")).ToListAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reminder_goes_out_once_two_hours_before_even_when_the_job_runs_again_or_elsewhere(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        var booking = await BookAsync(host, new TimeOnly(20, 0));

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 17, 59, 0, TimeSpan.FromHours(3)));
        (await RunAsync(host)).Should().Be(0, "it is not due before 18:00");

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.FromHours(3)));
        (await RunAsync(host)).Should().Be(1);
        (await RunAsync(host)).Should().Be(0);
        await using (var second = new LoungeAppFactory(host.Database, settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" },
                         services: s => s.AddSingleton<TimeProvider>(host.Clock)).Start())
        {
            await using var scope = second.Services.CreateAsyncScope();
            (await scope.ServiceProvider.GetRequiredService<BookingReminders>().SendDueAsync()).Should().Be(0, "another host (or a restarted one) does not send it again");
        }

        var reminder = (await RemindersAsync(host)).Single();
        reminder.Key.Should().Be($"booking:{booking.Id}:reminder");
        reminder.Channel.Should().Be(NotificationChannel.Telegram);
        reminder.Text.Should().Contain("20:00").And.Contain("Держим стол до 20:20");
        reminder.PayloadJson.Should().Contain($"bkr:yes:{booking.Id}").And.Contain($"bkr:move:{booking.Id}").And.Contain($"bkr:cancel:{booking.Id}");
    }

    [Fact]
    public async Task A_reminder_that_would_fall_in_quiet_hours_is_sent_the_evening_before()
    {
        await using var host = await BookingHost.StartAsync();
        var settings = new BookingSettings { ReminderBeforeMinutes = 180 };
        var made = new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);

        var due = await host.WithAsync(s => Task.FromResult(s.GetRequiredService<BookingReminders>().ReminderDueUtc(
            new Booking { Code = "A", GuestName = "A", CreatedAtUtc = made, StartUtc = new DateTime(2026, 11, 28, 11, 0, 0, DateTimeKind.Utc) }, settings)));
        var quiet = await host.WithAsync(s => Task.FromResult(s.GetRequiredService<BookingReminders>().ReminderDueUtc(
            new Booking { Code = "B", GuestName = "B", CreatedAtUtc = made, StartUtc = new DateTime(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc) }, settings)));
        var tooLate = await host.WithAsync(s => Task.FromResult(s.GetRequiredService<BookingReminders>().ReminderDueUtc(
            new Booking { Code = "C", GuestName = "C", CreatedAtUtc = new DateTime(2026, 11, 27, 21, 0, 0, DateTimeKind.Utc), StartUtc = new DateTime(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc) }, settings)));

        due.Should().Be(new DateTime(2026, 11, 28, 8, 0, 0, DateTimeKind.Utc), "14:00 Moscow − 3 h = 11:00, outside the 23:00–10:00 quiet hours");
        quiet.Should().Be(new DateTime(2026, 11, 27, 19, 59, 0, DateTimeKind.Utc), "a 12:00 visit would be reminded at 09:00, so it goes at 22:59 the evening before");
        tooLate.Should().BeNull("booked at midnight for noon: no reminder inside quiet hours and none needed");
    }

    [Fact]
    public async Task A_phone_only_guest_gets_the_reminder_by_sms_with_the_lounge_phone()
    {
        await using var host = await BookingHost.StartAsync();
        await BookAsync(host, new TimeOnly(20, 0), telegram: false);
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 18, 30, 0, TimeSpan.FromHours(3)));

        await RunAsync(host);

        var sms = (await RemindersAsync(host)).Single();
        sms.Channel.Should().Be(NotificationChannel.Sms);
        sms.Text.Should().Contain("27 ноября 20:00").And.Contain("+7 (495) 123-45-67");
    }

    [Fact]
    public async Task Late_guests_become_no_shows_after_the_hold_time_and_are_told()
    {
        await using var host = await BookingHost.StartAsync();
        var booking = await BookAsync(host, new TimeOnly(20, 0));
        await host.WithAsync(s => s.GetRequiredService<BookingService>().ChangeStatusAsync(booking.Id, BookingAction.Confirm, Actor.Staff(1, "Анна")));

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 20, 19, 0, TimeSpan.FromHours(3)));
        (await host.WithAsync(s => s.GetRequiredService<BookingReminders>().ReleaseAsync())).Should().Be(0);
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 20, 21, 0, TimeSpan.FromHours(3)));
        (await host.WithAsync(s => s.GetRequiredService<BookingReminders>().ReleaseAsync())).Should().Be(1);

        await using var db = host.Database.CreateContext();
        (await db.Bookings.SingleAsync()).Status.Should().Be(BookingStatus.NoShow);
        (await db.Outbox.SingleAsync(m => m.Key == $"booking:{booking.Id}:NoShow")).Text.Should().Contain("не дождались");
    }
}
