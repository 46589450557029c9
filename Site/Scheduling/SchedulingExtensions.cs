using Quartz;

namespace HookahLounge.Site.Scheduling;

/// <summary>Section "Scheduling": cron expressions in the lounge's time zone.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Run the scheduler in this host.</summary>
    public bool Enabled { get; set; } = true;

    public string PruneProcessedUpdatesCron { get; set; } = "0 30 6 * * ?";

    /// <summary>How often due booking reminders are looked for.</summary>
    public string BookingRemindersCron { get; set; } = "0 * * * * ?";

    /// <summary>How often late guests' tables are released and finished visits completed.</summary>
    public string ReleaseBookingsCron { get; set; } = "30 */5 * * * ?";

    /// <summary>How often, while the lounge is closed, idle table visits are ended.</summary>
    public string CloseIdleVisitsCron { get; set; } = "0 */15 * * * ?";

    /// <summary>How often due broadcasts are looked for (they also start at once on "send now").</summary>
    public string SendBroadcastsCron { get; set; } = "*/5 * * * * ?";

    /// <summary>On PostgreSQL: how often each host tells the cluster it is alive; a host silent for three times this is taken as dead and its work recovered.</summary>
    public double ClusterCheckinSeconds { get; set; } = 10;
}

public static class SchedulingExtensions
{
    /// <summary>Quartz with the lounge's jobs; schedules come from configuration.</summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(builder.Configuration["Lounge:TimeZone"] is { Length: > 0 } id ? id : "Europe/Moscow");
        if (!options.Enabled)
        {
            return builder;
        }

        var prune = Cron(nameof(options.PruneProcessedUpdatesCron), options.PruneProcessedUpdatesCron);
        var reminders = Cron(nameof(options.BookingRemindersCron), options.BookingRemindersCron);
        var release = Cron(nameof(options.ReleaseBookingsCron), options.ReleaseBookingsCron);
        var visits = Cron(nameof(options.CloseIdleVisitsCron), options.CloseIdleVisitsCron);
        var broadcasts = Cron(nameof(options.SendBroadcastsCron), options.SendBroadcastsCron);
        var postgres = string.Equals(builder.Configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);
        var connectionString = builder.Configuration.GetConnectionString("Lounge");
        builder.Services.AddQuartz(q =>
        {
            if (postgres)
            {
                // Several hosts on one database: the schedule lives in the qrtz_ tables (created by the Hardening
                // migration) and the hosts form a cluster, so each firing runs on exactly one of them. SQLite
                // means one host, which keeps the in-memory store.
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(connectionString!);
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(options.ClusterCheckinSeconds);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(options.ClusterCheckinSeconds * 3);
                    });

                    // Quartz 4.6+ claims triggers of jobs that allow concurrent execution lock-free (a compare-and-swap
                    // on the fire time) and falls back to locked rounds under contention; with two hosts the two ways
                    // of claiming met and one firing ran on both (about one run in three under load). The lounge's
                    // jobs fire at most once a minute, so every acquisition and firing round takes the cluster's
                    // TRIGGER_ACCESS row lock, which makes a firing one host's only.
                    store.ConfigureStore(o =>
                    {
                        o.LockFreeFiringRounds = false;
                        o.AcquireTriggersWithinLock = true;
                    });
                });
            }

            Schedule<PruneProcessedUpdatesJob>(q, prune, zone);
            Schedule<SendBookingRemindersJob>(q, reminders, zone);
            Schedule<ReleaseBookingsJob>(q, release, zone);
            Schedule<CloseIdleVisitsJob>(q, visits, zone);
            Schedule<SendBroadcastsJob>(q, broadcasts, zone);
        });
        builder.Services.AddSingleton<HookahLounge.Core.Broadcasts.IBroadcastKick, QuartzBroadcastKick>();
        // A host that starts re-declares the triggers; the replacement carries on from the stored trigger's last
        // firing, so a firing another host just ran is not run again by the newcomer.
        builder.Services.Configure<QuartzOptions>(o => o.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true);
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }

    private static CronExpression Cron(string key, string expression) =>
        CronExpression.TryParse(expression, out var cron) && cron is not null
            ? cron
            : throw new InvalidOperationException($"Scheduling:{key} '{expression}' is not a valid Quartz cron expression.");

    private static void Schedule<TJob>(IQuartzBuilder quartz, CronExpression cron, TimeZoneInfo zone)
        where TJob : IJob =>
        quartz.ScheduleJob<TJob>(
            t => t.WithIdentity($"{typeof(TJob).Name}-trigger").WithCronSchedule(cron, c => c.InTimeZone(zone)),
            j => j.WithIdentity(typeof(TJob).Name));
}
