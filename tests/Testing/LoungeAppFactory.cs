using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HookahLounge.Testing;

/// <summary>
/// The whole product (site, admin, bot) in-process on a test database. The bot talks to a fake Bot API
/// when one is given, and is off otherwise.
/// </summary>
public sealed class LoungeAppFactory(
    TestDatabase database,
    FakeTelegram? telegram = null,
    IDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null,
    bool staticAssets = false)
    : WebApplicationFactory<Program>
{
    public const string BotToken = "123456789:AAHookahLoungeTestToken_abcdefghij";

    public TestDatabase Database { get; } = database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (staticAssets)
        {
            // Outside Development the site's CSS and scripts come from the build's static web assets only on request.
            builder.UseStaticWebAssets();
        }

        foreach (var (key, value) in Database.AppSettings())
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Seed:Demo", "true");

        // Jobs run on wall-clock cron; tests call the job's Core service directly with their own clock.
        builder.UseSetting("Scheduling:Enabled", "false");
        builder.UseSetting("Telegram:BotToken", telegram is null ? "" : BotToken);
        builder.UseSetting("Telegram:ApiBaseUrl", telegram?.BaseUrl ?? "http://127.0.0.1:9");
        builder.UseSetting("Telegram:PollingTimeoutSeconds", "1");
        builder.UseSetting("Lounge:BotUsername", "oblaka_test_bot");

        // The fake Bot API is not Telegram: no send limit unless a test sets one (the broadcast tests do).
        builder.UseSetting("Telegram:MessagesPerSecond", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    /// <summary>Starts the host (and with it the bot's polling) without sending a request.</summary>
    public LoungeAppFactory Start()
    {
        _ = Services;
        return this;
    }
}
