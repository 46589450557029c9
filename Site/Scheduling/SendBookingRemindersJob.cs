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

/// <summary>Once the lounge has closed, table visits with nothing still in the works end by themselves.</summary>
[DisallowConcurrentExecution]
public sealed class CloseIdleVisitsJob(HookahLounge.Core.Visits.VisitService visits, HookahLounge.Core.Lounge.LoungeProfile lounge) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!lounge.IsOpenNow)
        {
            await visits.CloseIdleAsync(lounge.UtcNow, cancellationToken);
        }
    }
}
