using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace HookahLounge.Bot.Intake;

/// <summary>
/// Webhook mode: the endpoint drops each update here and answers 200 at once; this service registers
/// the webhook with Telegram and drains the inbox through the chat lanes.
/// </summary>
public sealed partial class WebhookInbox(
    ITelegramBotClient bot,
    UpdateDispatcher dispatcher,
    BotCommandsPublisher commands,
    IOptions<BotOptions> options,
    ILogger<WebhookInbox> logger) : BackgroundService
{
    private readonly Channel<Update> _inbox = Channel.CreateBounded<Update>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });

    public ValueTask AcceptAsync(Update update, CancellationToken ct) => _inbox.Writer.WriteAsync(update, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RegisterAsync(stoppingToken);
        await foreach (var update in _inbox.Reader.ReadAllAsync(stoppingToken))
        {
            // Not awaited: other chats go on while this one works; the pipeline reports its own failures.
            _ = dispatcher.DispatchAsync(update, stoppingToken);
        }
    }

    private async Task RegisterAsync(CancellationToken ct)
    {
        var value = options.Value;
        for (var delay = TimeSpan.FromSeconds(1); !ct.IsCancellationRequested; delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 60)))
        {
            try
            {
                await bot.SetWebhook(value.WebhookUrl!, allowedUpdates: PollingService.AllowedUpdates, secretToken: value.WebhookSecret, cancellationToken: ct);
                await commands.PublishAsync(ct);
                LogRegistered(value.WebhookUrl!);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRegisterFailed(ex, delay.TotalSeconds);
                await Task.Delay(delay, ct);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Telegram bot started in webhook mode at {WebhookUrl}")]
    private partial void LogRegistered(string webhookUrl);

    [LoggerMessage(LogLevel.Warning, "Could not register the webhook with Telegram; retrying in {Seconds} s")]
    private partial void LogRegisterFailed(Exception ex, double seconds);
}
