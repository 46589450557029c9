using Microsoft.Extensions.Options;

namespace HookahLounge.Core.Lounge;

/// <summary>Fails start-up with a readable message instead of a wrong clock or an empty schedule at run time.</summary>
public sealed class LoungeOptionsValidator : IValidateOptions<LoungeOptions>
{
    public ValidateOptionsResult Validate(string? name, LoungeOptions options)
    {
        var failures = new List<string>();
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            failures.Add($"Lounge:TimeZone '{options.TimeZone}' is not a known IANA time zone id (e.g. Europe/Moscow).");
        }

        if (options.OpeningHours.Count == 0)
        {
            failures.Add("Lounge:OpeningHours must list at least one weekday, e.g. \"Monday\": \"14:00-02:00\".");
        }

        foreach (var (day, text) in options.OpeningHours)
        {
            if (!OpeningHours.TryParseDay(text, out _))
            {
                failures.Add($"Lounge:OpeningHours:{day} = '{text}' must be 'HH:mm-HH:mm' or 'closed'.");
            }
        }

        foreach (var (key, url) in new[] { ("WidgetUrl", options.Map.WidgetUrl), ("LinkUrl", options.Map.LinkUrl) })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                failures.Add($"Lounge:Map:{key} '{url}' is not an absolute URL.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
