using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace HookahLounge.Bot.Intake;

/// <summary>
/// Long polling: fetch a batch, handle it, and only then move the offset on, so an update that was
/// not handled (crash, restart) is fetched again; de-duplication makes the replay harmless.
/// </summary>
public sealed partial class PollingService(
    ITelegramBotClient bot,
    UpdateDispatcher dispatcher,
    BotCommandsPublisher commands,
    IOptions<BotOptions> options,
    ILogger<PollingService> logger) : BackgroundService
{
    public static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.MyChatMember];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        var ready = false;
        int? offset = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!ready)
                {
                    // getUpdates refuses to work while a webhook is set.
                    await bot.DeleteWebhook(cancellationToken: stoppingToken);
                    await commands.PublishAsync(stoppingToken);
                    ready = true;
                    LogStarted();
                }

                var updates = await bot.GetUpdates(offset, 100, options.Value.PollingTimeoutSeconds, AllowedUpdates, stoppingToken);
                if (updates.Length > 0)
                {
                    await Task.WhenAll(updates.Select(u => dispatcher.DispatchAsync(u, stoppingToken)));
                    offset = updates.Max(u => u.Id) + 1;
                }

                backoff = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPollFailed(ex, backoff.TotalSeconds);
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 30));
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Telegram bot started in long-polling mode")]
    private partial void LogStarted();

    [LoggerMessage(LogLevel.Warning, "Polling Telegram failed; retrying in {Seconds} s")]
    private partial void LogPollFailed(Exception ex, double seconds);
}
