using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HookahLounge.Core.Data;

/// <summary>
/// SQLite has one writer at a time. Left to itself, a waiting transaction blocks a thread in the busy handler
/// and gives up with "database is locked" after the timeout, so a burst of chats fails. This gate queues the
/// app's write transactions in-process instead (asynchronously, in arrival order), and opens every connection
/// in WAL mode with a busy timeout so readers never fail on the writer. A write outside a transaction (a single
/// INSERT, ExecuteDelete, a one-statement SaveChanges) queues at the same gate for the statement's duration: left to
/// SQLite's busy handler it loses every race against the queued transactions and fails after the command timeout.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ConcurrentDictionary<Guid, byte> _holders = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = [];
    private static readonly object Marker = new();

    /// <summary>The interceptors to add to the SQLite context's options.</summary>
    public IInterceptor[] Interceptors => [new Connections(this), new Transactions(this), new Statements(this)];

    /// <summary>Waits for the writer's turn (at most <paramref name="patience"/>); true once this connection holds it.</summary>
    private async ValueTask<bool> EnterAsync(Guid connection, TimeSpan patience, CancellationToken ct)
    {
        if (!await _writer.WaitAsync(patience, ct))
        {
            return false;
        }

        _holders[connection] = 0;
        return true;
    }

    private bool Enter(Guid connection, TimeSpan patience)
    {
        if (!_writer.Wait(patience))
        {
            return false;
        }

        _holders[connection] = 0;
        return true;
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

        // A transaction that failed to start after taking the turn, on a connection never closed but disposed with its context.
        public override InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            gate.Release(eventData.ConnectionId);
            return result;
        }

        public override ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            gate.Release(eventData.ConnectionId);
            return ValueTask.FromResult(result);
        }
    }

    private sealed class Statements(SqliteWriteGate gate) : DbCommandInterceptor
    {
        private readonly ConcurrentDictionary<Guid, Guid> _open = new();

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Enter(command, eventData);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await EnterAsync(command, eventData, cancellationToken);
            return result;
        }

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            Leave(eventData.CommandId);
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Leave(eventData.CommandId);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Enter(command, eventData);
            return result;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await EnterAsync(command, eventData, cancellationToken);
            return result;
        }

        // A write that returns rows (INSERT … RETURNING) holds SQLite's lock until its reader is done with.
        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            Leave(eventData.CommandId);
            return result;
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Enter(command, eventData);
            return result;
        }

        public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            await EnterAsync(command, eventData, cancellationToken);
            return result;
        }

        public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
        {
            Leave(eventData.CommandId);
            return result;
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            Leave(eventData.CommandId);
            return ValueTask.FromResult(result);
        }

        public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Leave(eventData.CommandId);

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Leave(eventData.CommandId);
            return Task.CompletedTask;
        }

        public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Leave(eventData.CommandId);

        public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Leave(eventData.CommandId);
            return Task.CompletedTask;
        }

        private bool Needs(DbCommand command, CommandEventData eventData) =>
            command.Transaction is null && !gate._holders.ContainsKey(eventData.ConnectionId) && IsWrite(command.CommandText);

        // Bounded by the command's own timeout: should a caller ever write on a second connection while its own
        // transaction holds the gate, the statement falls back to SQLite's busy handler instead of waiting for ever.
        private void Enter(DbCommand command, CommandEventData eventData)
        {
            if (Needs(command, eventData) && gate.Enter(eventData.ConnectionId, Patience(command)))
            {
                _open[eventData.CommandId] = eventData.ConnectionId;
            }
        }

        private async ValueTask EnterAsync(DbCommand command, CommandEventData eventData, CancellationToken ct)
        {
            if (Needs(command, eventData) && await gate.EnterAsync(eventData.ConnectionId, Patience(command), ct))
            {
                _open[eventData.CommandId] = eventData.ConnectionId;
            }
        }

        private static TimeSpan Patience(DbCommand command) => TimeSpan.FromSeconds(command.CommandTimeout > 0 ? command.CommandTimeout : 30);

        private void Leave(Guid commandId)
        {
            if (_open.TryRemove(commandId, out var connection))
            {
                gate.Release(connection);
            }
        }

        private static bool IsWrite(string sql)
        {
            var text = sql.AsSpan().TrimStart();
            return text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
                || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
        }
    }

    private sealed class Transactions(SqliteWriteGate gate) : DbTransactionInterceptor
    {
        public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
        {
            gate.Enter(eventData.ConnectionId, Timeout.InfiniteTimeSpan);
            return result;
        }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            await gate.EnterAsync(eventData.ConnectionId, Timeout.InfiniteTimeSpan, cancellationToken);
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
