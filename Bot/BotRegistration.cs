using System.Resources;
using HookahLounge.Bot.Conversations;
using HookahLounge.Bot.Conversations.Booking;
using HookahLounge.Bot.Conversations.Home;
using HookahLounge.Bot.Conversations.Mine;
using HookahLounge.Bot.Conversations.Ordering;
using HookahLounge.Bot.Conversations.Settings;
using HookahLounge.Bot.Conversations.Visit;
using HookahLounge.Bot.Intake;
using HookahLounge.Bot.Replies;
using HookahLounge.Bot.Notifications;
using HookahLounge.Bot.Preview;
using HookahLounge.Bot.Routing;
using HookahLounge.Bot.StaffChat;
using HookahLounge.Core.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;

[assembly: NeutralResourcesLanguage("ru")]

namespace HookahLounge.Bot;

public static partial class BotRegistration
{
    /// <summary>The Telegram bot: client, intake (polling or webhook), routing and dialogs.</summary>
    public static IHostApplicationBuilder AddBot(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var preview = BotPreviewRegistration.IsOn(builder.Configuration, builder.Environment);
        if (preview)
        {
            BotPreviewRegistration.UsePreview(builder);
        }

        services.AddLocalization();
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();

        // Site bookings confirmed in the bot need a bot the guest can open from the booking's page.
        services.AddOptions<Core.Bookings.PublicBookingOptions>().Validate<IOptions<BotOptions>, IOptions<Core.Lounge.LoungeOptions>>(
            (bookings, bot, lounge) => bookings.Verification != Core.Bookings.SiteBookingVerification.Bot
                                       || (bot.Value.Enabled && (preview || !string.IsNullOrWhiteSpace(lounge.Value.BotUsername))),
            "PublicBookings:Verification=Bot needs the bot on (Telegram:BotToken) and its username in Lounge:BotUsername for the t.me link on the booking page.");

        // The default HttpClient logging writes the URL, which carries the token: replace it with a redacting one.
        services.AddSingleton<TelegramHttpLogger>();
        services.AddSingleton<TelegramSendGate>();
        services.AddTransient<TelegramRateLimitHandler>();
        var telegram = services.AddHttpClient(nameof(TelegramBotClient))
            .RemoveAllLoggers()
            .AddLogger<TelegramHttpLogger>()
            .AddHttpMessageHandler<TelegramRateLimitHandler>();
        if (preview)
        {
            telegram.ConfigurePrimaryHttpMessageHandler<PreviewBotApiHandler>();
        }

        telegram
            .AddTypedClient<ITelegramBotClient>((http, sp) =>
            {
                var options = sp.GetRequiredService<IOptions<BotOptions>>().Value;
                var token = options.Enabled ? options.BotToken!.Trim() : "0:disabled";
                // Short flood waits are retried by the client itself; longer ones surface so the outbox can reschedule.
                return new TelegramBotClient(new TelegramBotClientOptions(token, options.ApiBaseUrl.TrimEnd('/')) { RetryThreshold = 5, RetryCount = 2 }, http);
            });

        services.AddSingleton<ChatLanes>();
        services.AddSingleton<UpdatePipeline>();
        services.AddSingleton<BotCommandsPublisher>();
        services.AddScoped<BotReplies>();
        services.AddScoped<UpdateRouter>();
        services.AddScoped<CartKeeper>();
        services.AddScoped<HomeScreens>();
        services.AddScoped<OrderScreens>();
        services.AddScoped<BookingScreens>();
        services.AddScoped<BookingLink>();
        services.AddScoped<IConversation, HomeConversation>();
        services.AddScoped<IConversation, SettingsConversation>();
        services.AddScoped<IConversation, VisitConversation>();
        services.AddScoped<IConversation, MineConversation>();
        services.AddScoped<IConversation, OrderConversation>();
        services.AddScoped<IConversation, BookingConversation>();
        services.AddScoped<StaffChatHandler>();
        services.AddScoped<INotificationChannel, TelegramNotificationChannel>();
        services.AddScoped<Core.Broadcasts.IBroadcastChannel, Broadcasts.TelegramBroadcastChannel>();

        var options = builder.Configuration.GetSection(BotOptions.Section).Get<BotOptions>() ?? new BotOptions();
        if (!options.Enabled)
        {
            services.AddHostedService<BotDisabledNotice>();
        }
        else if (options.UseWebhook)
        {
            services.AddSingleton<WebhookInbox>();
            services.AddHostedService(sp => sp.GetRequiredService<WebhookInbox>());
        }
        else
        {
            services.AddHostedService<PollingService>();
        }

        return builder;
    }

    private sealed partial class BotDisabledNotice(ILogger<BotDisabledNotice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogDisabled();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(LogLevel.Warning, "Telegram bot is off: Telegram:BotToken is not set. The site and admin run without it.")]
        private partial void LogDisabled();
    }
}
