using Microsoft.Data.Sqlite;
using Npgsql;

namespace HookahLounge.Core.Data;

/// <summary>What a database failure means for the work that hit it: wait and try later, or look again now.</summary>
public static class DatabaseErrors
{
    /// <summary>The database could not be reached or was too busy: a reason to try again later, not a broken operation.</summary>
    public static bool IsUnavailable(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is DatabaseUnavailableException or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException or TimeoutException
                or System.Data.Common.DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A unique key refused a row: for work done optimistically, usually the sign that another handler got there
    /// first (the same new guest, the same update on another host), so the work should look again.
    /// </summary>
    public static bool IsUniqueViolation(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            // SQLite reports a duplicate primary key (1555) or unique index (2067) as extended constraint codes.
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or SqliteException { SqliteExtendedErrorCode: 1555 or 2067 })
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// The connection broke under a unit of work and the provider reported it as something else, e.g. Npgsql's "transaction
/// is already completed" for the next statement after the network dropped it: an outage, to be tried again later.
/// </summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);
