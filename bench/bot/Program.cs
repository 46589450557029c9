using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HookahLounge.Bot.Intake;
using HookahLounge.Core.Data;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;

// Scripted guests against the bot through the local stand-in Bot API, over long polling and over the webhook,
// on SQLite and PostgreSQL, in two orders. Prints updates/s, latency from hand-out to answer, lost and duplicated.
//   dotnet run -c Release --project bench/bot -- [--chats 200] [--only sqlite|postgres] [--intake polling|webhook] [--order interleaved|chat-by-chat] [--rate 1000] [--warmup 1000]
// Without --rate every update is queued at once (a backlog: what the bot can do at most, and latency grows with the
// window it holds); --rate N offers N updates a second instead (guests writing at that pace: latency at that load).
// Before the reported rows each intake's app is warmed up with the same orders at the same rate, --warmup chats per
// run, run after run until the JIT has settled (fewer than 200 methods compiled in a run, at most 6 runs): the figures
// are those of a bot that has been running at that load. busy% is the whole machine's CPU during the row (the
// stand-in Bot API and the driver share it with the bot and PostgreSQL); jit counts methods compiled during the row.
// The in-process app needs its content root (static assets); tests find it through their build, a console app is told.
var root = new DirectoryInfo(AppContext.BaseDirectory);
while (root is not null && !File.Exists(Path.Combine(root.FullName, "HookahLounge.sln")))
{
    root = root.Parent;
}

Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_HOOKAHLOUNGE_SITE", Path.Combine(root?.FullName ?? ".", "Site"));
var chats = Arg("--chats", 200);
var only = ArgText("--only");
var onlyIntake = ArgText("--intake");
var onlyOrder = ArgText("--order");
var rate = Arg("--rate", 0);
var providers = new List<DatabaseProvider> { DatabaseProvider.Sqlite };
if (PostgresServer.IsAvailable)
{
    providers.Add(DatabaseProvider.Postgres);
}

if (args.Contains("--round-trips"))
{
    // Deterministic: the database commands (and transaction statements) each scripted step costs, one guest alone.
    Console.WriteLine($"Database round trips per handled update, one guest, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    foreach (var provider in providers.Where(p => only is null || p.ToString().Equals(only, StringComparison.OrdinalIgnoreCase)))
    {
        var counts = await RoundTrips.PerStepAsync(provider);
        Console.WriteLine($"{provider,-9} " + string.Join(" ", counts.Select((c, i) => $"{Script.Steps[i].Split(':')[^1].Replace("{0}", "c1").Replace("{1}", "c2")}={c.Commands}+{c.Transactions}"))
                          + $"  mean {counts.Average(c => c.Commands + c.Transactions):F1} per update ({counts.Average(c => c.Commands):F1} commands + {counts.Average(c => c.Transactions):F1} BEGIN/COMMIT)");
    }

    return 0;
}

var warmup = Arg("--warmup", 1000);
Console.WriteLine($"{Environment.ProcessorCount} cores, {chats} chats x {Script.Steps.Length} steps per run, {(rate > 0 ? $"offered at {rate} updates/s" : "all queued at once")}, each intake's rows on one app warmed up with runs of {warmup} chats, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"{"database",-9} {"intake",-8} {"order",-12} {"updates",8} {"seconds",8} {"upd/s",8} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"lost",5} {"twice",6} {"busy%",6} {"jit",6}");
foreach (var provider in providers.Where(p => only is null || p.ToString().Equals(only, StringComparison.OrdinalIgnoreCase)))
{
    foreach (var webhook in new[] { false, true }.Where(w => onlyIntake is null || (w ? "webhook" : "polling") == onlyIntake))
    {
        bool[] orders = [.. new[] { true, false }.Where(i => onlyOrder is null || (i ? "interleaved" : "chat-by-chat") == onlyOrder)];
        var (warmups, results) = await Run.SeriesAsync(provider, webhook, warmup, orders, chats, rate);
        Console.WriteLine($"{provider,-9} {(webhook ? "webhook" : "polling"),-8} warm-up: {warmups.Count} run(s), methods compiled in each: {string.Join(", ", warmups)}");
        foreach (var (interleaved, result) in orders.Zip(results))
        {
            Console.WriteLine($"{provider,-9} {(webhook ? "webhook" : "polling"),-8} {(interleaved ? "interleaved" : "chat-by-chat"),-12} {result.Updates,8} {result.Seconds,8:F1} {result.Updates / result.Seconds,8:F0} {result.P50,8:F0} {result.P90,8:F0} {result.P99,8:F0} {result.Lost,5} {result.Twice,6} {result.BusyPercent,6:F0} {result.Compiled,6}");
        }
    }
}

return 0;

int Arg(string name, int fallback) => ArgText(name) is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;

string? ArgText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

internal sealed record Result(int Updates, double Seconds, double P50, double P90, double P99, int Lost, int Twice, double BusyPercent, long Compiled);

/// <summary>The whole machine's CPU time, busy and idle, from /proc/stat (all cores, in clock ticks).</summary>
internal readonly record struct MachineCpu(long Busy, long Idle)
{
    public static MachineCpu Now()
    {
        if (!File.Exists("/proc/stat"))
        {
            return default;
        }

        // cpu  user nice system idle iowait irq softirq steal ...
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = ticks[3] + ticks[4];
        return new MachineCpu(ticks.Sum() - idle, idle);
    }

    public static double BusyPercent(MachineCpu from, MachineCpu to)
    {
        var busy = to.Busy - from.Busy;
        var total = busy + (to.Idle - from.Idle);
        return total == 0 ? double.NaN : 100.0 * busy / total;
    }
}

internal static class Script
{
    /// <summary>/start, 18+, the menu and two sections, the booking calendar, contacts, settings: what a guest does first.</summary>
    public static readonly string[] Steps = ["/start", "age:yes", "home:menu", "or:cat:{0}", "or:cat:{1}", "home:main", "home:book", "home:main", "home:contacts", "home:settings"];

    public static JsonObject Update(long id, long chat, string step, int[] categories) => step.StartsWith('/')
        ? Updates.Text(id, chat, step)
        : Updates.Button(id, chat, string.Format(System.Globalization.CultureInfo.InvariantCulture, step, categories[0], categories[^1]), messageId: 2);
}

internal static class Run
{
    private const string Secret = "bench-Secret_1";

    private const int SettledBelow = 200;
    private const int MaxWarmupRuns = 6;

    /// <summary>
    /// One app on a fresh database for all rows of an intake: first the warm-up (not reported), then one run per order,
    /// each with guests of its own, so the figures are those of a bot that has been running, not of one just compiled.
    /// The warm-up runs the same orders at the same rate until a run compiles fewer than <see cref="SettledBelow"/>
    /// methods: on 2 cores tiered compilation goes on for tens of seconds, and what it compiles during a row takes a core.
    /// </summary>
    public static async Task<(List<long> Warmups, List<Result> Results)> SeriesAsync(DatabaseProvider provider, bool webhook, int warmup, IReadOnlyList<bool> orders, int chats, int rate)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var telegram = await FakeTelegram.StartAsync();
        var settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" };
        if (webhook)
        {
            settings["Telegram:WebhookUrl"] = "https://lounge.example/telegram/webhook";
            settings["Telegram:WebhookSecret"] = Secret;
        }

        await using var app = new LoungeAppFactory(database, telegram, settings).Start();
        var client = app.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(5);
        int[] categories;
        await using (var db = database.CreateContext())
        {
            categories = [.. await db.MenuCategories.Where(c => c.IsVisible).OrderBy(c => c.SortOrder).Select(c => c.Id).Take(2).ToListAsync()];
        }

        // One guest alone first: how many calls to the chat each step makes, to tell which call answers which update.
        const long control = 1;
        var perStep = new List<int>();
        foreach (var step in Script.Steps)
        {
            var before = telegram.CallsTo(control).Count;
            await DeliverAsync(telegram, client, webhook, Script.Update(telegram.NextUpdateId(), control, step, categories));
            await telegram.SettleAsync(TimeSpan.FromMilliseconds(300));
            perStep.Add(telegram.CallsTo(control).Count - before);
        }

        var warmups = new List<long>();
        for (var run = 0; warmup > 0 && run < MaxWarmupRuns && (warmups.Count == 0 || warmups[^1] >= SettledBelow); run++)
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            for (var i = 0; i < orders.Count; i++)
            {
                await OnceAsync(database, telegram, client, categories, perStep, webhook, orders[i], firstChat: 10_000_000L + (run * 1_000_000L) + (i * 100_000L), warmup, rate);
            }

            warmups.Add(System.Runtime.JitInfo.GetCompiledMethodCount() - compiled);
        }

        var results = new List<Result>();
        for (var i = 0; i < orders.Count; i++)
        {
            results.Add(await OnceAsync(database, telegram, client, categories, perStep, webhook, orders[i], firstChat: 1_000_000L * (i + 1), chats, rate));
        }

        return (warmups, results);
    }

    private static async Task<Result> OnceAsync(
        TestDatabase database, FakeTelegram telegram, HttpClient client, int[] categories, List<int> perStep, bool webhook, bool interleaved, long firstChat, int chats, int rate)
    {
        var expectedCalls = perStep.Sum();
        long[] guests = [.. Enumerable.Range(0, chats).Select(i => firstChat + i)];
        var sent = new Dictionary<(long Chat, int Step), (long Id, DateTimeOffset At)>();
        var order = interleaved
            ? Script.Steps.SelectMany((_, step) => guests.Select(chat => (chat, step)))
            : guests.SelectMany(chat => Script.Steps.Select((_, step) => (chat, step)));
        var plan = order.Select(x => (x.chat, x.step, update: Script.Update(telegram.NextUpdateId(), x.chat, Script.Steps[x.step], categories))).ToList();
        foreach (var (chat, step, update) in plan)
        {
            sent[(chat, step)] = (update["update_id"]!.GetValue<long>(), default);
        }

        // Only a counter is read while the bot works: scanning the calls here would take a core from the bot.
        var target = telegram.CallCount + (guests.Length * expectedCalls);
        var cpu = MachineCpu.Now();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var clock = Stopwatch.StartNew();
        if (!webhook)
        {
            for (var i = 0; i < plan.Count; i++)
            {
                await DueAsync(clock, i, rate);
                telegram.Push(plan[i].update);
            }
        }
        else
        {
            await PostAllAsync(telegram, client, plan, sent, interleaved, rate);
        }

        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline && telegram.CallCount < target)
        {
            await Task.Delay(20);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var busy = MachineCpu.BusyPercent(cpu, MachineCpu.Now());
        compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiled;
        await telegram.SettleAsync(TimeSpan.FromSeconds(1));
        var byChat = telegram.Calls.ToLookup(c => c.ChatId);
        var latencies = new List<double>();
        var twice = 0;
        foreach (var chat in guests)
        {
            var mine = byChat[chat].ToList();
            if (mine.Count > expectedCalls)
            {
                twice++;
            }

            var index = 0;
            for (var step = 0; step < perStep.Count; step++)
            {
                index += perStep[step];
                var id = sent[(chat, step)].Id;
                var handedOut = webhook ? sent[(chat, step)].At : telegram.HandedOutAt(id) ?? default;
                if (perStep[step] > 0 && index <= mine.Count && handedOut != default)
                {
                    latencies.Add((mine[index - 1].At - handedOut).TotalMilliseconds);
                }
            }
        }

        int lost;
        await using (var db = database.CreateContext())
        {
            var ids = sent.Values.Select(v => v.Id).ToList();
            lost = ids.Count - await db.ProcessedUpdates.CountAsync(u => ids.Contains(u.UpdateId));
        }

        latencies.Sort();
        return new Result(plan.Count, seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.90), Percentile(latencies, 0.99), lost, twice, busy, compiled);
    }

    /// <summary>Waits until the update with this index is due when offered at the rate (at once when the rate is 0).</summary>
    private static async Task DueAsync(Stopwatch clock, int index, int rate)
    {
        if (rate <= 0)
        {
            return;
        }

        var due = TimeSpan.FromSeconds((double)index / rate);
        while (clock.Elapsed < due)
        {
            await Task.Delay(1);
        }
    }

    /// <summary>Like Telegram: up to 40 connections, a chat's next update only after the previous one was acknowledged.</summary>
    private static async Task PostAllAsync(FakeTelegram telegram, HttpClient client, List<(long Chat, int Step, JsonObject Update)> plan, Dictionary<(long, int), (long Id, DateTimeOffset At)> sent, bool interleaved, int rate)
    {
        using var connections = new SemaphoreSlim(40);
        var lockSent = new Lock();
        async Task PostAsync(long chat, int step, JsonObject update)
        {
            await connections.WaitAsync();
            try
            {
                var at = DateTimeOffset.UtcNow;
                await DeliverAsync(telegram, client, webhook: true, update);
                lock (lockSent)
                {
                    sent[(chat, step)] = (sent[(chat, step)].Id, at);
                }
            }
            finally
            {
                connections.Release();
            }
        }

        if (rate > 0)
        {
            // In plan order at the offered pace; a chat's next update still waits for the previous one's answer.
            var clock = Stopwatch.StartNew();
            var tails = new Dictionary<long, Task>();
            for (var i = 0; i < plan.Count; i++)
            {
                await DueAsync(clock, i, rate);
                var (chat, step, update) = plan[i];
                var previous = tails.GetValueOrDefault(chat) ?? Task.CompletedTask;
                tails[chat] = previous.ContinueWith(_ => PostAsync(chat, step, update), TaskScheduler.Default).Unwrap();
            }

            await Task.WhenAll(tails.Values);
        }
        else if (interleaved)
        {
            foreach (var wave in plan.GroupBy(p => p.Step))
            {
                await Task.WhenAll(wave.Select(p => PostAsync(p.Chat, p.Step, p.Update)));
            }
        }
        else
        {
            await Task.WhenAll(plan.GroupBy(p => p.Chat).Select(async chat =>
            {
                foreach (var p in chat)
                {
                    await PostAsync(p.Chat, p.Step, p.Update);
                }
            }));
        }
    }

    private static async Task DeliverAsync(FakeTelegram telegram, HttpClient client, bool webhook, JsonObject update)
    {
        if (!webhook)
        {
            telegram.Push(update);
            return;
        }

        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.Add(WebhookEndpoint.SecretHeader, Secret);
            using var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100);
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>Counts what the app sends to the database: commands, and transaction starts and commits.</summary>
internal sealed class RoundTripCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor, Microsoft.EntityFrameworkCore.Diagnostics.IDbTransactionInterceptor
{
    private int _commands;
    private int _transactions;

    public (int Commands, int Transactions) Take() => (Interlocked.Exchange(ref _commands, 0), Interlocked.Exchange(ref _transactions, 0));

    public override System.Data.Common.DbCommand CommandInitialized(Microsoft.EntityFrameworkCore.Diagnostics.CommandEndEventData eventData, System.Data.Common.DbCommand result)
    {
        Interlocked.Increment(ref _commands);
        if (Environment.GetEnvironmentVariable("BENCH_SQL") == "1")
        {
            var sql = result.CommandText.ReplaceLineEndings(" ");
            Console.WriteLine("  SQL: " + sql[..Math.Min(400, sql.Length)]);
        }

        return result;
    }

    public System.Data.Common.DbTransaction TransactionStarted(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, System.Data.Common.DbTransaction result)
    {
        Interlocked.Increment(ref _transactions);
        return result;
    }

    public ValueTask<System.Data.Common.DbTransaction> TransactionStartedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, System.Data.Common.DbTransaction result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _transactions);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData) => Interlocked.Increment(ref _transactions);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _transactions);
        return Task.CompletedTask;
    }
}

internal static class RoundTrips
{
    public static async Task<List<(int Commands, int Transactions)>> PerStepAsync(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var telegram = await FakeTelegram.StartAsync();
        var counter = new RoundTripCounter();
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Notifications:DispatcherEnabled"] = "false",
            ["Lounge:HoursCheckSeconds"] = "3600",
        };
        await using var app = new LoungeAppFactory(database, telegram, settings, services =>
        {
            services.ConfigureDbContext<PostgresLoungeDbContext>((_, o) => o.AddInterceptors(counter));
            services.ConfigureDbContext<SqliteLoungeDbContext>((_, o) => o.AddInterceptors(counter));
        }).Start();
        int[] categories;
        await using (var db = database.CreateContext())
        {
            categories = [.. await db.MenuCategories.Where(c => c.IsVisible).OrderBy(c => c.SortOrder).Select(c => c.Id).Take(2).ToListAsync()];
        }

        var result = new List<(int, int)>();
        foreach (var chat in new long[] { 7, 8 })
        {
            result.Clear();
            await telegram.SettleAsync(TimeSpan.FromMilliseconds(500));
            counter.Take();
            foreach (var step in Script.Steps)
            {
                var id = telegram.Push(Script.Update(telegram.NextUpdateId(), chat, step, categories));
                while (true)
                {
                    await using var db = database.CreateContext();
                    if (await db.ProcessedUpdates.AnyAsync(u => u.UpdateId == id))
                    {
                        break;
                    }

                    await Task.Delay(20);
                }

                await telegram.SettleAsync(TimeSpan.FromMilliseconds(300));
                result.Add(counter.Take());
                if (Environment.GetEnvironmentVariable("BENCH_SQL") == "1")
                {
                    Console.WriteLine($"-- step {step} of chat {chat}");
                }
            }
        }

        // The second guest's figures: the first one also warms caches and compiles queries.
        return result;
    }
}
