using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace HookahLounge.Bot;

internal sealed partial class BotOptionsValidator : IValidateOptions<BotOptions>
{
    [GeneratedRegex(@"^\d{3,}:[A-Za-z0-9_-]{20,}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretPattern();

    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled && !TokenPattern().IsMatch(options.BotToken!.Trim()))
        {
            failures.Add("Telegram:BotToken does not look like a bot token from @BotFather (\"123456789:AA...\").");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out _))
        {
            failures.Add($"Telegram:ApiBaseUrl '{options.ApiBaseUrl}' is not an absolute URL.");
        }

        if (options.UseWebhook)
        {
            if (!Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var hook) || hook.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add("Telegram:WebhookUrl must be an absolute https:// URL that Telegram can reach.");
            }

            if (string.IsNullOrEmpty(options.WebhookSecret) || !SecretPattern().IsMatch(options.WebhookSecret))
            {
                failures.Add("Telegram:WebhookSecret is required in webhook mode: 1–256 characters of A–Z, a–z, 0–9, '_' or '-'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
