using HookahLounge.Core.Data;
using HookahLounge.Core.Staff;

namespace HookahLounge.Site.Cli;

/// <summary>
/// One-off commands run through the host's configuration instead of starting the server:
/// <c>dotnet run --project Site -- create-admin --login anna --name "Анна" [--role Owner|Manager|Staff] [--password ...]</c>.
/// Without --password the password is read from HOOKAH_ADMIN_PASSWORD or the first line of standard input.
/// <c>dotnet run --project Site -- seed-history --orders 50000 [--seed 12] [--days 365]</c> adds a year of made-up
/// history (guests, orders, bookings, visits, service calls) before today, for analytics and benchmarks.
/// </summary>
public sealed class CliCommand
{
    public const string CreateAdmin = "create-admin";

    public const string SeedHistory = "seed-history";

    private CliCommand(string name, Dictionary<string, string> arguments, string[] hostArgs)
    {
        Name = name;
        Arguments = arguments;
        HostArgs = hostArgs;
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, string> Arguments { get; }

    /// <summary>What remains for the host's own configuration (e.g. --environment).</summary>
    public string[] HostArgs { get; }

    public static CliCommand? Parse(string[] args)
    {
        if (args is not [CreateAdmin or SeedHistory, .. var rest])
        {
            return null;
        }

        var name = args[0];
        var known = name == SeedHistory ? new HashSet<string> { "orders", "seed", "days" } : new HashSet<string> { "login", "name", "role", "password" };
        var arguments = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var hostArgs = new List<string>();
        for (var i = 0; i < rest.Length; i++)
        {
            var key = rest[i].TrimStart('-');
            if (rest[i].StartsWith("--", StringComparison.Ordinal) && known.Contains(key) && i + 1 < rest.Length)
            {
                arguments[key] = rest[++i];
            }
            else
            {
                hostArgs.Add(rest[i]);
            }
        }

        return new CliCommand(name, arguments, [.. hostArgs]);
    }

    public async Task<int> RunAsync(WebApplication app, TextReader? input = null, TextWriter? output = null)
    {
        output ??= Console.Out;
        if (Name == SeedHistory)
        {
            return await SeedHistoryAsync(app, output);
        }

        if (!Arguments.TryGetValue("login", out var login))
        {
            await output.WriteLineAsync("Usage: create-admin --login <login> [--name <display name>] [--role Owner|Manager|Staff] [--password <password>]");
            return 2;
        }

        var role = StaffRole.Owner;
        if (Arguments.TryGetValue("role", out var roleText) && !Enum.TryParse(roleText, ignoreCase: true, out role))
        {
            await output.WriteLineAsync($"Unknown role '{roleText}'. Use Owner, Manager or Staff.");
            return 2;
        }

        var password = Arguments.GetValueOrDefault("password")
            ?? Environment.GetEnvironmentVariable("HOOKAH_ADMIN_PASSWORD")
            ?? (input ?? Console.In).ReadLine()
            ?? "";

        // Migrate first so the command works on a brand-new database.
        var initializer = app.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single();
        await initializer.StartAsync(CancellationToken.None);

        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var result = await accounts.CreateAsync(login, Arguments.GetValueOrDefault("name") ?? login, password, role);
        var message = result.Error switch
        {
            StaffAccountError.None => $"Created {role} '{result.User!.Login}'. Sign in at /admin.",
            StaffAccountError.LoginInvalid => "The login must be 3–64 characters: latin letters, digits, '.', '_' or '-'.",
            StaffAccountError.LoginTaken => $"The login '{login}' is already taken.",
            StaffAccountError.PasswordTooShort => "The password is too short (see Admin:PasswordMinLength, 8 by default).",
            _ => $"Could not create the account: {result.Error}.",
        };
        await output.WriteLineAsync(message);
        return result.Succeeded ? 0 : 1;
    }

    private async Task<int> SeedHistoryAsync(WebApplication app, TextWriter output)
    {
        static int? Number(IReadOnlyDictionary<string, string> arguments, string key, int fallback) =>
            arguments.TryGetValue(key, out var text) ? int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null : fallback;

        if (Number(Arguments, "orders", 50_000) is not { } orders || Number(Arguments, "seed", 12) is not { } seed || Number(Arguments, "days", 365) is not { } days)
        {
            await output.WriteLineAsync("Usage: seed-history [--orders 50000] [--seed 12] [--days 365]");
            return 2;
        }

        var initializer = app.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single();
        await initializer.StartAsync(CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var summary = await scope.ServiceProvider.GetRequiredService<Core.Data.Seed.HistorySeeder>()
            .SeedAsync(orders, seed, days, line => output.WriteLine(line));
        await output.WriteLineAsync(
            $"Added {summary.Orders} orders, {summary.Bookings} bookings, {summary.Visits} visits, {summary.ServiceCalls} service calls "
            + $"and {summary.Customers} guests from {summary.From:yyyy-MM-dd} to {summary.To:yyyy-MM-dd} in {started.Elapsed.TotalSeconds:0} s.");
        return 0;
    }
}
