namespace HookahLounge.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Section "Database"; the connection string itself is <c>ConnectionStrings:Lounge</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string ConnectionStringName = "Lounge";

    /// <summary>SQLite needs nothing installed, so it is the default; PostgreSQL is for production.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the host starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Statements Npgsql keeps prepared per connection when the connection string does not set <c>Max Auto Prepare</c>.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    public const string DefaultSqliteConnectionString = "Data Source=App_Data/hookahlounge.db";
}
