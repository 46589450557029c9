using HookahLounge.Core.Bookings;
using Quartz;

namespace HookahLounge.Site.Scheduling;

/// <summary>Queues the reminders that are due; each booking gets one, even across restarts and hosts.</summary>
[DisallowConcurrentExecution]
public sealed class SendBookingRemindersJob(BookingReminders reminders) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await reminders.SendDueAsync(cancellationToken);
}

/// <summary>Releases tables of guests later than the hold time and completes finished visits.</summary>
[DisallowConcurrentExecution]
public sealed class ReleaseBookingsJob(BookingReminders reminders) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await reminders.ReleaseAsync(cancellationToken);
}
