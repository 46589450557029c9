using HookahLounge.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace HookahLounge.Testing;

/// <summary>A fresh, empty database of one provider for one test; removed on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresName;
    private readonly string? _sqliteFile;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? postgresName, string? sqliteFile)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _postgresName = postgresName;
        _sqliteFile = sqliteFile;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Provider names for [Theory] data: SQLite always, PostgreSQL where it can run (always in CI).</summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { nameof(DatabaseProvider.Sqlite) };
            if (PostgresServer.IsAvailable)
            {
                data.Add(nameof(DatabaseProvider.Postgres));
            }

            return data;
        }
    }

    /// <summary>The provider the host-level tests use: PostgreSQL where available, like production.</summary>
    public static DatabaseProvider Preferred => PostgresServer.IsAvailable ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public static Task<TestDatabase> CreateAsync(string provider) => CreateAsync(Enum.Parse<DatabaseProvider>(provider));

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var name = "hl_test_" + Guid.NewGuid().ToString("N")[..16];
            return new TestDatabase(provider, await PostgresServer.CreateDatabaseAsync(name), name, null);
        }

        var file = Path.Combine(Path.GetTempPath(), $"hl-test-{Guid.NewGuid():N}.db");
        return new TestDatabase(provider, $"Data Source={file}", null, file);
    }

    public LoungeDbContext CreateContext(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) => Provider == DatabaseProvider.Postgres
        ? new PostgresLoungeDbContext(new DbContextOptionsBuilder<PostgresLoungeDbContext>().UseNpgsql(ConnectionString).AddInterceptors(interceptors).Options)
        : new SqliteLoungeDbContext(new DbContextOptionsBuilder<SqliteLoungeDbContext>().UseSqlite(ConnectionString).AddInterceptors(interceptors).Options);

    public async Task<LoungeDbContext> CreateMigratedContextAsync()
    {
        var db = CreateContext();
        await db.Database.MigrateAsync();
        return db;
    }

    /// <summary>Settings that point the app at this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> AppSettings() =>
    [
        new("Database:Provider", Provider.ToString()),
        new("ConnectionStrings:Lounge", ConnectionString),
    ];

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            await PostgresServer.DropDatabaseAsync(_postgresName);
        }

        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(path);
            }
        }
    }
}
