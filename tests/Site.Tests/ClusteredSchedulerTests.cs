using System.Collections.Concurrent;
using HookahLounge.Core.Data;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace HookahLounge.Site.Tests;

/// <summary>Two hosts on one PostgreSQL database share one clustered Quartz schedule: every firing runs once.</summary>
public sealed class ClusteredSchedulerTests
{
    private static readonly ConcurrentBag<(string Host, DateTimeOffset Scheduled)> Firings = [];

    private sealed record HostName(string Value);

    /// <summary>Notes which host ran which scheduled firing; declared like the lounge's own jobs (never two at once).</summary>
    [DisallowConcurrentExecution]
    private sealed class ProbeJob(HostName host) : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            Firings.Add((host.Value, context.ScheduledFireTimeUtc ?? context.FireTimeUtc));
            return ValueTask.CompletedTask;
        }
    }

    private static LoungeAppFactory Host(TestDatabase database, string name) => new LoungeAppFactory(database, settings: new Dictionary<string, string?>
    {
        ["Notifications:DispatcherEnabled"] = "false",
        ["Scheduling:Enabled"] = "true",
    }, services: s =>
    {
        s.AddSingleton(new HostName(name));
        s.AddQuartz(q => q.ScheduleJob<ProbeJob>(t => t.WithIdentity("probe-trigger").WithCronSchedule("* * * * * ?"), j => j.WithIdentity("probe")));
    }).Start();

    /// <summary>
    /// The clustered store keeps a firing to one host for jobs that never run twice at once; Quartz claims the
    /// triggers of concurrent jobs by a different, lock-free path, which ran one firing on both hosts about
    /// one run in three. So every job of the lounge is declared non-concurrent, and this holds them to it.
    /// </summary>
    [Fact]
    public void Every_job_of_the_lounge_never_runs_twice_at_once()
    {
        var jobs = typeof(HookahLounge.Site.Scheduling.SchedulingOptions).Assembly.GetTypes()
            .Where(t => typeof(IJob).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .ToList();

        jobs.Should().NotBeEmpty();
        jobs.Where(t => !t.IsDefined(typeof(DisallowConcurrentExecutionAttribute), inherit: true)).Select(t => t.Name)
            .Should().BeEmpty("a job that may run concurrently can fire on two hosts at once");
    }

    [Fact]
    public async Task Each_firing_of_a_job_runs_on_one_host_only()
    {
        if (TestDatabase.Preferred != DatabaseProvider.Postgres)
        {
            return; // a cluster needs PostgreSQL; CI requires it (HOOKAH_REQUIRE_POSTGRES)
        }

        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var a = Host(database, "a");
        await using var b = Host(database, "b");

        // Count from two seconds after both schedulers have joined the cluster: a host that starts re-declares
        // the trigger, and the second it does so in may run on both (the lounge's jobs are idempotent).
        await using var db = database.CreateContext();
        var joined = DateTime.UtcNow.AddSeconds(30);
        while (await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM qrtz_scheduler_state").SingleAsync() < 2)
        {
            DateTime.UtcNow.Should().BeBefore(joined, "both hosts take part in the cluster");
            await Task.Delay(200);
        }

        var since = DateTimeOffset.UtcNow.AddSeconds(2);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Firings.Count(f => f.Scheduled >= since) < 10)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the probe job fires every second");
            await Task.Delay(200);
        }

        var firings = Firings.Where(f => f.Scheduled >= since).ToList();

        firings.GroupBy(f => f.Scheduled).Where(g => g.Count() > 1).Select(g => $"{g.Key:HH:mm:ss} on {string.Join(", ", g.Select(f => f.Host))}")
            .Should().BeEmpty("a firing taken by one host is not run by the other");
    }
}
