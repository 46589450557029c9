using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HookahLounge.Core.Data;

/// <summary>
/// Elects the one host that long-polls Telegram: on PostgreSQL it is the host holding a session advisory lock
/// on a connection of its own, so the lease ends the moment that host's connection does (stop, crash, kill)
/// and another host takes it on its next try. SQLite is single-host: the lease is always held.
/// </summary>
public sealed class PollingLease(IServiceScopeFactory scopes) : IAsyncDisposable
{
    // Two int4 keys: a key space apart from the single-bigint advisory locks taken elsewhere (bookings).
    private const int KeyApp = 0x4C4E4745;
    private const int KeyPolling = 1;

    private NpgsqlConnection? _connection;
    private bool? _postgres;
    private string? _connectionString;

    /// <summary>True while this host holds the lease; tries to take it when free. Checks that a held lease is still alive.</summary>
    public async Task<bool> HoldAsync(CancellationToken ct)
    {
        if (_postgres is null)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LoungeDbContext>();
            _postgres = db.IsPostgres;
            _connectionString = _postgres == true
                ? new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false, KeepAlive = 5 }.ConnectionString
                : null;
        }

        if (_postgres == false)
        {
            return true;
        }

        if (_connection is not null)
        {
            try
            {
                await using var ping = new NpgsqlCommand("SELECT 1", _connection);
                await ping.ExecuteScalarAsync(ct);
                return true;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                await ReleaseAsync();
                return false;
            }
        }

        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({KeyApp}, {KeyPolling})", connection);
            if (await take.ExecuteScalarAsync(ct) is true)
            {
                _connection = connection;
                return true;
            }
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // The database is away: no lease until it is back.
        }

        await connection.DisposeAsync();
        return false;
    }

    /// <summary>Gives the lease up (closing the connection releases the lock).</summary>
    public async Task ReleaseAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();
}
