using HookahLounge.Core.Data.Seed;
using HookahLounge.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HookahLounge.Core.Data;

/// <summary>
/// Runs before anything else starts: applies migrations, loads demo data, creates the bootstrap Owner.
/// Registered first so the bot and the scheduler never see an old schema.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> database,
    IOptions<SeedOptions> seed,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<LoungeDbContext>();
        if (database.Value.MigrateOnStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s) on {Provider}: {Migrations}", pending.Count, database.Value.Provider, pending);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        if (seed.Value.Demo)
        {
            await services.GetRequiredService<DemoData>().SeedIfEmptyAsync(cancellationToken);
        }

        var schedule = services.GetRequiredService<Lounge.OpeningScheduleStore>();
        await schedule.SeedFromConfigurationAsync(cancellationToken);
        await schedule.RefreshAsync(cancellationToken);
        await services.GetRequiredService<StaffAccounts>().EnsureBootstrapOwnerAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
