using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HookahLounge.Core.Data;

/// <summary>
/// SQLite has one writer at a time. Left to itself, a waiting transaction blocks a thread in the busy handler
/// and gives up with "database is locked" after the timeout, so a burst of chats fails. This gate queues the
/// app's write transactions in-process instead (asynchronously, in arrival order), and opens every connection
/// in WAL mode with a busy timeout so readers and single statements never fail on the writer.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ConcurrentDictionary<Guid, byte> _holders = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = [];
    private static readonly object Marker = new();

    /// <summary>The interceptors to add to the SQLite context's options.</summary>
    public IInterceptor[] Interceptors => [new Connections(this), new Transactions(this)];

    private async ValueTask EnterAsync(Guid connection, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        _holders[connection] = 0;
    }

    private void Enter(Guid connection)
    {
        _writer.Wait();
        _holders[connection] = 0;
    }

    private void Release(Guid connection)
    {
        if (_holders.TryRemove(connection, out _))
        {
            _writer.Release();
        }
    }

    private static void Configure(DbConnection connection)
    {
        // The settings stay with the underlying SQLite handle, which the pool reuses across opens: set them once per handle.
        if (connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } && !Configured.TryAdd(handle, Marker))
        {
            return;
        }

        using var command = connection.CreateCommand();
        // In WAL mode NORMAL loses nothing when the process dies; only a power cut can take the last commits.
        command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;";
        command.ExecuteNonQuery();
    }

    private sealed class Connections(SqliteWriteGate gate) : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Configure(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Configure(connection);
            return Task.CompletedTask;
        }

        // A transaction disposed without commit or rollback ends here at the latest.
        public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            gate.Release(eventData.ConnectionId);
            return result;
        }

        public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            gate.Release(eventData.ConnectionId);
            return ValueTask.FromResult(result);
        }
    }

    private sealed class Transactions(SqliteWriteGate gate) : DbTransactionInterceptor
    {
        public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
        {
            gate.Enter(eventData.ConnectionId);
            return result;
        }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            await gate.EnterAsync(eventData.ConnectionId, cancellationToken);
            return result;
        }

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => gate.Release(eventData.ConnectionId);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            gate.Release(eventData.ConnectionId);
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => gate.Release(eventData.ConnectionId);

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            gate.Release(eventData.ConnectionId);
            return Task.CompletedTask;
        }

        public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => gate.Release(eventData.ConnectionId);

        public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            gate.Release(eventData.ConnectionId);
            return Task.CompletedTask;
        }
    }
}
