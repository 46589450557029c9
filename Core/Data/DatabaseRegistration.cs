using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HookahLounge.Core.Data;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers the provider's context and exposes it as <see cref="LoungeDbContext"/>. Interceptors registered in the
    /// container as <see cref="IInterceptor"/> (singletons: the context options are built once) join the lounge's own.
    /// </summary>
    public static IServiceCollection AddLoungeDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration[$"{DatabaseOptions.Section}:Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{providerText}' is not supported; use 'Sqlite' (embedded default) or 'Postgres'.");
        }

        services.AddSingleton<Customers.PhoneMergeInterceptor>();
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        "Database:Provider is Postgres but ConnectionStrings:Lounge is empty; e.g. 'Host=localhost;Database=hookahlounge;Username=lounge;Password=...'.");
                }

                connectionString = ResolvePostgres(connectionString);
                services.AddDbContextPool<PostgresLoungeDbContext>((sp, o) => o.UseNpgsql(connectionString, n => n.EnableRetryOnFailure(3))
                    .AddInterceptors(sp.GetRequiredService<Audit.AuditInterceptor>())
                    .AddInterceptors(sp.GetRequiredService<Customers.PhoneMergeInterceptor>())
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                services.AddScoped<LoungeDbContext>(sp => sp.GetRequiredService<PostgresLoungeDbContext>());

                // Several hosts may send for one bot: Telegram's limit is paid from one row they share.
                services.AddSingleton<Chats.ISendBudget>(_ => new Chats.PostgresSendBudget(connectionString));
                break;
            default:
                var sqlite = ResolveSqlite(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString, contentRoot);
                services.AddSingleton<SqliteWriteGate>();
                services.AddDbContext<SqliteLoungeDbContext>((sp, o) => o.UseSqlite(sqlite)
                    .AddInterceptors(sp.GetRequiredService<SqliteWriteGate>().Interceptors)
                    .AddInterceptors(sp.GetRequiredService<Audit.AuditInterceptor>())
                    .AddInterceptors(sp.GetRequiredService<Customers.PhoneMergeInterceptor>())
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                services.AddScoped<LoungeDbContext>(sp => sp.GetRequiredService<SqliteLoungeDbContext>());

                // Embedded SQLite is one host: its send budget is in memory.
                services.AddSingleton<Chats.ISendBudget>(sp => new Chats.LocalSendBudget(sp.GetRequiredService<TimeProvider>()));
                break;
        }

        services.TryAddSingleton<Audit.IAuditActorSource, NoAuditActor>();
        services.TryAddSingleton<Audit.AuditInterceptor>();
        return services;
    }

    /// <summary>No back-office user outside a host that has one (the CLI, tests of Core alone).</summary>
    private sealed class NoAuditActor : Audit.IAuditActorSource
    {
        public Audit.AuditIdentity? Current => null;
    }

    /// <summary>
    /// Npgsql defaults tuned for what every bot update runs, each applied only when the connection string does not set it
    /// (measured in bench/RESULTS.md):
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare</c>: the same few statements run for every update, so Npgsql prepares the most used ones
    /// on the server instead of PostgreSQL parsing and planning them each time. Behind a pooler that cannot keep prepared
    /// statements, such as PgBouncer in transaction mode before 1.21, set <c>Max Auto Prepare=0</c>.</item>
    /// <item><c>No Reset On Close</c>: a pooled connection is otherwise reset (RESET ALL, CLOSE ALL, UNLISTEN, advisory
    /// unlock, DISCARD) each time it goes back to the pool, about once per update. The app leaves no session state on a
    /// pooled connection: no SET, LISTEN or temporary tables, advisory locks only per transaction, and the polling lease's
    /// session lock lives on an unpooled connection of its own (<see cref="PollingLease"/>).</item>
    /// </list>
    /// </summary>
    internal static string ResolvePostgres(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var resolved = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            resolved.MaxAutoPrepare = DatabaseOptions.DefaultMaxAutoPrepare;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            resolved.NoResetOnClose = true;
        }

        return resolved.ConnectionString;
    }

    /// <summary>A relative SQLite file lives under the content root, whatever directory the app was started from.</summary>
    internal static string ResolveSqlite(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal) && !Path.IsPathRooted(file))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, file));
        }

        if (builder.DataSource is { Length: > 0 } path && Path.IsPathRooted(path) && Path.GetDirectoryName(path) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }

        return builder.ToString();
    }
}
