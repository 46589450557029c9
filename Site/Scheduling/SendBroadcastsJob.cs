using HookahLounge.Core.Broadcasts;
using Quartz;

namespace HookahLounge.Site.Scheduling;

/// <summary>
/// Starts broadcasts whose time has come and carries on those under way (after a pause, a 429 or a restart).
/// The database says what is due, so a firing missed during downtime is simply made up by the next one; on
/// PostgreSQL the clustered store runs it on one host at a time.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SendBroadcastsJob(BroadcastSender sender) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await sender.RunDueAsync(cancellationToken);
}

/// <summary>"Send now" and "resume" run the job at once instead of waiting for its next firing.</summary>
public sealed class QuartzBroadcastKick(ISchedulerFactory schedulers) : IBroadcastKick
{
    public async Task KickAsync(CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(new JobKey(nameof(SendBroadcastsJob)), ct);
    }
}
