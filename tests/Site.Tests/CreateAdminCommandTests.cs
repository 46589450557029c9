using System.Diagnostics;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Site.Tests;

/// <summary>The documented bootstrap: <c>dotnet run --project Site -- create-admin ...</c>, run as a real process.</summary>
public sealed class CreateAdminCommandTests
{
    private static async Task<(int ExitCode, string Output)> RunAsync(TestDatabase database, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["ConnectionStrings__Lounge"] = database.ConnectionString;
        start.Environment.Remove("HOOKAH_ADMIN_PASSWORD");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, output);
    }

    [Fact]
    public async Task Create_admin_makes_an_owner_on_a_brand_new_database_and_refuses_a_duplicate()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Preferred);

        var (code, output) = await RunAsync(database, "create-admin", "--login", "Anna", "--name", "Анна", "--password", "strong-password-1");

        code.Should().Be(0, output);
        output.Should().Contain("Created Owner 'anna'");
        await using (var db = database.CreateContext())
        {
            var user = await db.StaffUsers.SingleAsync();
            user.Role.Should().Be(StaffRole.Owner);
            user.DisplayName.Should().Be("Анна");
        }

        var (again, message) = await RunAsync(database, "create-admin", "--login", "anna", "--password", "another-password");
        again.Should().Be(1);
        message.Should().Contain("already taken");
    }

    [Fact]
    public async Task Create_admin_explains_bad_arguments()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");

        var (noLogin, usage) = await RunAsync(database, "create-admin");
        noLogin.Should().Be(2);
        usage.Should().Contain("Usage: create-admin --login");

        var (badRole, roleMessage) = await RunAsync(database, "create-admin", "--login", "x1x", "--role", "Emperor", "--password", "long-enough-1");
        badRole.Should().Be(2);
        roleMessage.Should().Contain("Unknown role");

        var (shortPassword, passwordMessage) = await RunAsync(database, "create-admin", "--login", "waiter", "--password", "short");
        shortPassword.Should().Be(1);
        passwordMessage.Should().Contain("too short");
    }

    [Fact]
    public async Task Seed_history_adds_a_year_of_orders_to_a_new_database()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Preferred);

        var (code, output) = await RunAsync(database, "seed-history", "--orders", "300", "--Seed:Demo=true");

        code.Should().Be(0, output);
        output.Should().Contain("Added 300 orders");
        await using var db = database.CreateContext();
        (await db.Orders.CountAsync()).Should().Be(300);
    }
}
