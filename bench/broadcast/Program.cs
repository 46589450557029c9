using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using HookahLounge.Bench.Broadcast;
using HookahLounge.Core.Broadcasts;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;

// A promo broadcast to N subscribers from the real app (its own process, Quartz on, the real Telegram client)
// against a local stand-in Bot API that allows `--limit` messages per second and answers 429 above it.
// Prints achieved rate ÷ configured rate, duplicates and lost; then the same with a kill -9 half-way and a restart.
//   dotnet run -c Release --project bench/broadcast -- [--subscribers 10000] [--rate 25] [--limit 30] [--only clean|kill]
var subscribers = Arg("--subscribers", 10_000);
var rate = Arg("--rate", 25);
var limit = Arg("--limit", 30);
var only = ArgText("--only");
var provider = TestDatabase.Preferred;

Console.WriteLine($"{Environment.ProcessorCount} cores, {subscribers} subscribers, configured {rate} msg/s, stand-in allows {limit} msg/s, {provider}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"{"run",-6} {"sent",6} {"seconds",8} {"msg/s",7} {"ratio",6} {"429s",5} {"twice",6} {"lost",5} {"unknown",8} {"downtime s",10}");
foreach (var kill in new[] { false, true }.Where(k => only is null || (k ? "kill" : "clean") == only))
{
    var r = await RunAsync(kill);
    Console.WriteLine($"{(kill ? "kill" : "clean"),-6} {r.Sent,6} {r.Seconds,8:F1} {r.Rate,7:F2} {r.Rate / rate,6:F3} {r.Refused,5} {r.Twice,6} {r.Lost,5} {r.Unknown,8} {r.Downtime,10:F1}");
}

return 0;

async Task<Result> RunAsync(bool kill)
{
    await using var standIn = await StandInBotApi.StartAsync(limit);
    await using var database = await TestDatabase.CreateAsync(provider);
    var settings = new Dictionary<string, string?>
    {
        ["Seed:Demo"] = "false",
        ["Scheduling:Enabled"] = "true",
        ["Scheduling:SendBroadcastsCron"] = "* * * * * ?",
        ["Scheduling:ClusterCheckinSeconds"] = "2",
        ["Broadcasts:ClaimLeaseSeconds"] = "5",
        ["Telegram:MessagesPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
        ["Notifications:DispatcherEnabled"] = "false",
    };

    var app = await AppProcess.StartAsync(database, standIn.BaseUrl, settings);
    int broadcastId;
    await using (var db = database.CreateContext())
    {
        foreach (var chunk in Enumerable.Range(0, subscribers).Chunk(2000))
        {
            db.Customers.AddRange(chunk.Select(i => new Customer
            {
                TelegramUserId = 5_000_000 + i, TelegramChatId = 5_000_000 + i, Name = $"Гость {i}", PromoOptIn = true, CreatedAtUtc = DateTime.UtcNow,
            }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        var broadcast = new Broadcast
        {
            Title = "Bench", Text = "<b>Пятница</b>: кальян за полцены", AudienceJson = new AudienceFilter().ToJson(), Status = BroadcastStatus.Scheduled,
            ScheduledAtUtc = DateTime.UtcNow, CreatedBy = "bench", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        db.Broadcasts.Add(broadcast);
        await db.SaveChangesAsync();
        broadcastId = broadcast.Id;
    }

    var downtime = 0.0;
    if (kill)
    {
        while (standIn.Accepted < subscribers / 2)
        {
            await Task.Delay(100);
        }

        app.Kill();
        var down = Stopwatch.StartNew();
        app = await AppProcess.StartAsync(database, standIn.BaseUrl, settings);
        downtime = down.Elapsed.TotalSeconds;
    }

    while (true)
    {
        await using var db = database.CreateContext();
        if ((await db.Broadcasts.AsNoTracking().SingleAsync(b => b.Id == broadcastId)).Status == BroadcastStatus.Completed)
        {
            break;
        }

        await Task.Delay(500);
    }

    await app.DisposeAsync();
    await using var check = database.CreateContext();
    var unknown = await check.BroadcastDeliveries.CountAsync(d => d.BroadcastId == broadcastId && d.State == DeliveryState.Unknown);
    var (first, last) = standIn.Span;
    var seconds = (last - first).TotalSeconds;

    // The downtime is not the sender's: the rate counts the time it was sending.
    var sending = Math.Max(0.001, seconds - (kill ? standIn.LongestGap.TotalSeconds : 0));
    return new Result(standIn.Accepted, seconds, (standIn.Accepted - 1) / sending, standIn.Refused, standIn.Twice, subscribers - standIn.DistinctChats, unknown, downtime);
}

int Arg(string name, int fallback) => ArgText(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? ArgText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

internal sealed record Result(int Sent, double Seconds, double Rate, int Refused, int Twice, int Lost, int Unknown, double Downtime);
