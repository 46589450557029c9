using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HookahLounge.Core.Lounge;

/// <summary>Re-reads the schedule now and then, so an edit made on another host shows up here too.</summary>
public sealed partial class OpeningHoursRefresher(IServiceScopeFactory scopes, ILogger<OpeningHoursRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OpeningScheduleStore>().RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not refresh the opening hours; keeping the previous ones")]
    private partial void LogFailed(Exception ex);
}
