using HookahLounge.Core.Content;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HookahLounge.Core.Lounge;

/// <summary>
/// Keeps this host's schedule in step with the database, so an edit made on another host shows up here too:
/// every few seconds (<c>Lounge:HoursCheckSeconds</c>) it looks at the host's public content version (which hours
/// edits bump; <see cref="PublicContentVersion"/> re-reads it at most every <c>Site:ContentVersionCheckSeconds</c>)
/// and reloads when it moved; and once a minute regardless.
/// </summary>
public sealed partial class OpeningHoursRefresher(IServiceScopeFactory scopes, PublicContentVersion content, IConfiguration configuration, ILogger<OpeningHoursRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan FullReloadEvery = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var check = TimeSpan.FromSeconds(configuration.GetValue("Lounge:HoursCheckSeconds", 5.0));
        using var timer = new PeriodicTimer(check);
        long? seen = null;
        var lastReload = DateTime.UtcNow;
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var version = await content.CurrentAsync(stoppingToken);
                if (seen != version || DateTime.UtcNow - lastReload >= FullReloadEvery)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<OpeningScheduleStore>().RefreshAsync(stoppingToken);
                    seen = version;
                    lastReload = DateTime.UtcNow;
                }
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
