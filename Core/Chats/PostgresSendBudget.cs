using Npgsql;

namespace HookahLounge.Core.Chats;

/// <summary>
/// The send budget all hosts on one PostgreSQL share: one row, refilled and spent by a single statement that
/// locks it, so two hosts never spend the same token. Time is the database's (<c>clock_timestamp()</c>, read
/// once, after the lock), so hosts with skewed clocks agree on how much has refilled.
/// </summary>
public sealed class PostgresSendBudget : ISendBudget, IAsyncDisposable
{
    private const string Take = """
        WITH locked AS (
            SELECT "Tokens", "RefilledAtUtc", "PausedUntilUtc" FROM "SendBudget" WHERE "Id" = 1 FOR UPDATE
        ), stamped AS (
            SELECT locked.*, clock_timestamp() AS stamp FROM locked
        ), refilled AS (
            SELECT stamp, "PausedUntilUtc" AS paused, GREATEST(stamp, "RefilledAtUtc") AS refilled_at,
                   LEAST(@capacity, "Tokens" + @rate * GREATEST(0, EXTRACT(EPOCH FROM stamp - "RefilledAtUtc")::float8)) AS available
            FROM stamped
        ), granted AS (
            SELECT refilled.*,
                   CASE WHEN paused > stamp THEN 0 ELSE GREATEST(0, LEAST(@want, FLOOR(available - @keep)))::int END AS n
            FROM refilled
        )
        UPDATE "SendBudget" AS b SET "Tokens" = g.available - g.n, "RefilledAtUtc" = g.refilled_at
        FROM granted AS g WHERE b."Id" = 1
        RETURNING g.n, g.available - g.n, COALESCE(GREATEST(0, EXTRACT(EPOCH FROM g.paused - g.stamp)::float8), 0)
        """;

    private const string Seed = """
        INSERT INTO "SendBudget" ("Id", "Tokens", "RefilledAtUtc") VALUES (1, 0, clock_timestamp()) ON CONFLICT DO NOTHING
        """;

    private const string Pause = """
        UPDATE "SendBudget" SET "PausedUntilUtc" = GREATEST(COALESCE("PausedUntilUtc", '-infinity'), clock_timestamp() + @pause)
        WHERE "Id" = 1
        """;

    private readonly NpgsqlDataSource _source;

    public PostgresSendBudget(string connectionString)
    {
        // A database that does not answer should be noticed in seconds: the sender waits and tries again.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5, CommandTimeout = 5 };
        _source = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public async ValueTask<SendGrant> TakeAsync(SendLimit limit, int want, double keep, CancellationToken ct)
    {
        await using var connection = await _source.OpenConnectionAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            await using (var take = new NpgsqlCommand(Take, connection))
            {
                take.Parameters.AddWithValue("capacity", (double)limit.Capacity);
                take.Parameters.AddWithValue("rate", limit.PerSecond);
                take.Parameters.AddWithValue("want", want);
                take.Parameters.AddWithValue("keep", keep);
                await using var reader = await take.ExecuteReaderAsync(ct);
                if (await reader.ReadAsync(ct))
                {
                    var granted = reader.GetInt32(0);
                    return new SendGrant(granted, SendBudgetMath.WaitAfter(limit, want, granted, reader.GetDouble(1), keep, reader.GetDouble(2)));
                }
            }

            if (attempt > 0)
            {
                throw new InvalidOperationException("The SendBudget row could not be created.");
            }

            await using var seed = new NpgsqlCommand(Seed, connection);
            await seed.ExecuteNonQueryAsync(ct);
        }
    }

    public async ValueTask PauseAsync(TimeSpan pause, CancellationToken ct)
    {
        await using var connection = await _source.OpenConnectionAsync(ct);
        await using (var seed = new NpgsqlCommand(Seed, connection))
        {
            await seed.ExecuteNonQueryAsync(ct);
        }

        await using var command = new NpgsqlCommand(Pause, connection);
        command.Parameters.AddWithValue("pause", pause);
        await command.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
