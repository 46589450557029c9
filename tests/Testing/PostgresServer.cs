using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HookahLounge.Testing;

/// <summary>
/// A real PostgreSQL for the tests: the server named by HOOKAH_TEST_POSTGRES (a connection string whose
/// role may create databases), or a throwaway cluster started from the machine's PostgreSQL binaries.
/// With HOOKAH_REQUIRE_POSTGRES=1 (as in CI) a missing server fails the run instead of leaving PostgreSQL untested.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> Admin = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool Required => Environment.GetEnvironmentVariable("HOOKAH_REQUIRE_POSTGRES") == "1";

    /// <summary>True when PostgreSQL tests can run here; cheap, starts nothing.</summary>
    public static bool IsAvailable
    {
        get
        {
            var available = Environment.GetEnvironmentVariable("HOOKAH_TEST_POSTGRES") is { Length: > 0 } || FindBinaries() is not null;
            if (!available && Required)
            {
                throw new InvalidOperationException("HOOKAH_REQUIRE_POSTGRES=1 but no PostgreSQL is available: set HOOKAH_TEST_POSTGRES or install the postgresql package.");
            }

            return available;
        }
    }

    /// <summary>Connection string of a role that can create and drop databases.</summary>
    public static string AdminConnectionString => Admin.Value;

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => b, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("HOOKAH_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return given;
        }

        var bin = FindBinaries() ?? throw new InvalidOperationException("PostgreSQL binaries were not found under /usr/lib/postgresql.");
        var dataDir = Directory.CreateTempSubdirectory("hookah-pg-").FullName;
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root; the cluster belongs to the postgres system user.
            Run("chown", $"postgres: {dataDir}");
        }

        Run(bin + "/initdb", $"-D {dataDir} -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8", asRoot);
        Run(bin + "/pg_ctl",
            $"-D {dataDir} -l {dataDir}/log -w -t 60 start -o \"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\"",
            asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Run(bin + "/pg_ctl", $"-D {dataDir} -m immediate stop", asRoot);
                Directory.Delete(dataDir, recursive: true);
            }
            catch
            {
                // Best effort: the temp directory is the machine's to clean.
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Include Error Detail=true";
    }

    /// <summary>A new empty database; dropped by <see cref="DropDatabaseAsync"/>.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 40 }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string arguments, bool asPostgres = false)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish in 90 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {output.Result}{error.Result}");
        }
    }
}
