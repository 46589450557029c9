using System.Globalization;
using HookahLounge.Bot.Texts;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace HookahLounge.Bot.Intake;

/// <summary>Publishes the command list Telegram shows in the "/" menu, in Russian and English.</summary>
public sealed partial class BotCommandsPublisher(ITelegramBotClient bot, IStringLocalizer<BotTexts> t, ILogger<BotCommandsPublisher> logger)
{
    public async Task PublishAsync(CancellationToken ct)
    {
        try
        {
            foreach (var language in new[] { "ru", "en" })
            {
                var previous = CultureInfo.CurrentUICulture;
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
                BotCommand[] list =
                [
                    new("start", t["Cmd.Start"]),
                    new("menu", t["Cmd.Menu"]),
                    new("book", t["Cmd.Book"]),
                    new("contacts", t["Cmd.Contacts"]),
                    new("cancel", t["Cmd.Cancel"]),
                    new("help", t["Cmd.Help"]),
                    new("stop", t["Cmd.Stop"]),
                ];
                CultureInfo.CurrentUICulture = previous;
                await bot.SetMyCommands(list, languageCode: language == "ru" ? null : language, cancellationToken: ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Cosmetic: the bot works without the command menu.
            LogFailed(ex);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not publish the bot's command list")]
    private partial void LogFailed(Exception ex);
}
