using Quartz;

namespace HookahLounge.Site.Scheduling;

/// <summary>Section "Scheduling": cron expressions in the lounge's time zone.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    public string PruneProcessedUpdatesCron { get; set; } = "0 30 6 * * ?";
}

public static class SchedulingExtensions
{
    /// <summary>Quartz with the lounge's jobs; schedules come from configuration.</summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(builder.Configuration["Lounge:TimeZone"] is { Length: > 0 } id ? id : "Europe/Moscow");
        if (!CronExpression.TryParse(options.PruneProcessedUpdatesCron, out var pruneCron))
        {
            throw new InvalidOperationException($"Scheduling:PruneProcessedUpdatesCron '{options.PruneProcessedUpdatesCron}' is not a valid Quartz cron expression.");
        }

        builder.Services.AddQuartz(q =>
        {
            q.ScheduleJob<PruneProcessedUpdatesJob>(
                t => t.WithIdentity($"{nameof(PruneProcessedUpdatesJob)}-trigger").WithCronSchedule(pruneCron!, c => c.InTimeZone(zone)),
                j => j.WithIdentity(nameof(PruneProcessedUpdatesJob)));
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
