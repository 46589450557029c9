using HookahLounge.Core.Chats;
using HookahLounge.Core.Data;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HookahLounge.Core.Tests.Chats;

/// <summary>The send budget's arithmetic: the PostgreSQL statement all hosts share, and the in-memory one SQLite uses.</summary>
public sealed class SendBudgetTests
{
    /// <summary>One token every 10 s and room for 2 (a burst of 1 plus the replies' reserve): slow enough that the test's own pace never refills a token.</summary>
    private static readonly SendLimit Slow = new(0.1);

    public static TheoryData<string> Budgets
    {
        get
        {
            var data = new TheoryData<string> { "Memory" };
            if (PostgresServer.IsAvailable)
            {
                data.Add(nameof(DatabaseProvider.Postgres));
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Budgets))]
    public async Task A_full_bucket_grants_up_to_its_capacity_then_nothing_until_it_refills(string kind)
    {
        await using var subject = await Subject.CreateAsync(kind);
        Slow.Capacity.Should().Be(2);

        (await subject.Budget.TakeAsync(Slow, 10, 0, default)).Granted.Should().Be(2, "a bucket left alone is full, and no fuller than its capacity");
        var empty = await subject.Budget.TakeAsync(Slow, 10, 0, default);
        empty.Granted.Should().Be(0);
        empty.Wait.Should().BeGreaterThan(TimeSpan.FromSeconds(9)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(10), "the next token comes 1/rate after the last");

        await subject.AdvanceAsync(TimeSpan.FromSeconds(15));
        var one = await subject.Budget.TakeAsync(Slow, 10, 0, default);
        one.Granted.Should().Be(1, "15 s refill one and a half tokens");
        one.Wait.Should().BeGreaterThan(TimeSpan.FromSeconds(4)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(5), "the half token left needs 5 s more");

        await subject.AdvanceAsync(TimeSpan.FromHours(1));
        (await subject.Budget.TakeAsync(Slow, 10, 0, default)).Granted.Should().Be(2, "however long it rested, the bucket holds no more than its capacity");
    }

    [Theory]
    [MemberData(nameof(Budgets))]
    public async Task A_take_that_keeps_a_reserve_leaves_it_for_takes_that_keep_none(string kind)
    {
        await using var subject = await Subject.CreateAsync(kind);

        (await subject.Budget.TakeAsync(Slow, 5, Slow.Reserve, default)).Granted.Should().Be(1, "a broadcast leaves the reserve");
        var bulk = await subject.Budget.TakeAsync(Slow, 5, Slow.Reserve, default);
        bulk.Granted.Should().Be(0, "only the reserve is left");
        bulk.Wait.Should().BeGreaterThan(TimeSpan.FromSeconds(9), "the bulk lane waits for a token above the reserve");
        (await subject.Budget.TakeAsync(Slow, 5, 0, default)).Granted.Should().Be(1, "a reply takes the reserve at once");
        (await subject.Budget.TakeAsync(Slow, 5, 0, default)).Granted.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Budgets))]
    public async Task A_pause_grants_nothing_until_it_ends(string kind)
    {
        await using var subject = await Subject.CreateAsync(kind);

        await subject.Budget.PauseAsync(TimeSpan.FromSeconds(30), default);
        var paused = await subject.Budget.TakeAsync(Slow, 1, 0, default);
        paused.Granted.Should().Be(0, "the bucket is full but Telegram asked us to wait");
        paused.Wait.Should().BeGreaterThan(TimeSpan.FromSeconds(25)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(30));

        await subject.AdvanceAsync(TimeSpan.FromSeconds(31));
        (await subject.Budget.TakeAsync(Slow, 1, 0, default)).Granted.Should().Be(1);
    }

    [Fact]
    public async Task Two_hosts_taking_at_once_never_get_more_than_the_bucket_holds()
    {
        if (!PostgresServer.IsAvailable)
        {
            return;
        }

        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using (var db = await database.CreateMigratedContextAsync())
        {
            // Seven tokens and a refill time in the future: nothing refills while the takers race.
            await db.Database.ExecuteSqlRawAsync("""UPDATE "SendBudget" SET "Tokens" = 7, "RefilledAtUtc" = now() + interval '1 hour'""");
        }

        await using var first = new PostgresSendBudget(database.ConnectionString);
        await using var second = new PostgresSendBudget(database.ConnectionString);
        var limit = new SendLimit(100);
        var takes = Enumerable.Range(0, 40).Select(i => Task.Run(async () => (await (i % 2 == 0 ? first : second).TakeAsync(limit, 1 + (i % 3), 0, default)).Granted));
        var granted = await Task.WhenAll(takes);

        granted.Sum().Should().Be(7, "every token is spent once, by one host");
        await using var check = database.CreateContext();
        (await check.SendBudget.SingleAsync()).Tokens.Should().BeApproximately(0, 1e-9);
    }

    [Fact]
    public async Task A_pause_one_host_reports_holds_the_other_and_a_missing_row_is_recreated()
    {
        if (!PostgresServer.IsAvailable)
        {
            return;
        }

        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using (var db = await database.CreateMigratedContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "SendBudget" """);
        }

        await using var first = new PostgresSendBudget(database.ConnectionString);
        await using var second = new PostgresSendBudget(database.ConnectionString);
        var fresh = await first.TakeAsync(Slow, 1, 0, default);
        fresh.Granted.Should().Be(0, "a new row starts empty and fills from now");
        fresh.Wait.Should().BeGreaterThan(TimeSpan.FromSeconds(9));
        await using (var db = database.CreateContext())
        {
            (await db.SendBudget.CountAsync()).Should().Be(1);
        }

        await first.PauseAsync(TimeSpan.FromSeconds(20), default);
        var held = await second.TakeAsync(Slow, 1, 0, default);
        held.Granted.Should().Be(0);
        held.Wait.Should().BeGreaterThan(TimeSpan.FromSeconds(15), "the other host waits out the 429 too");
    }

    /// <summary>A budget and a way to let time pass for it: the clock for the memory one, the row's instants moved back for PostgreSQL.</summary>
    private sealed class Subject : IAsyncDisposable
    {
        private readonly TestDatabase? _database;
        private readonly FakeTimeProvider? _clock;

        private Subject(ISendBudget budget, TestDatabase? database, FakeTimeProvider? clock)
        {
            Budget = budget;
            _database = database;
            _clock = clock;
        }

        public ISendBudget Budget { get; }

        public static async Task<Subject> CreateAsync(string kind)
        {
            if (kind == "Memory")
            {
                var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
                return new Subject(new LocalSendBudget(clock), null, clock);
            }

            var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
            await using (var db = await database.CreateMigratedContextAsync())
            {
            }

            return new Subject(new PostgresSendBudget(database.ConnectionString), database, null);
        }

        public async Task AdvanceAsync(TimeSpan by)
        {
            if (_clock is not null)
            {
                _clock.Advance(by);
                return;
            }

            await using var db = _database!.CreateContext();
            var seconds = by.TotalSeconds;
            await db.Database.ExecuteSqlAsync($"""UPDATE "SendBudget" SET "RefilledAtUtc" = "RefilledAtUtc" - make_interval(secs => {seconds}), "PausedUntilUtc" = "PausedUntilUtc" - make_interval(secs => {seconds})""");
        }

        public async ValueTask DisposeAsync()
        {
            if (Budget is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }

            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
        }
    }
}
