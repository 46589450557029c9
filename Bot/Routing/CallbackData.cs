using System.Text;

namespace HookahLounge.Bot.Routing;

/// <summary>
/// Button payloads as "area:action[:argument]". Telegram allows 64 bytes; building a longer one is a bug
/// caught here, and anything that does not parse is treated as a stale or forged button.
/// </summary>
public readonly record struct CallbackData(string Area, string Action, string? Argument = null)
{
    public const int MaxBytes = 64;

    public override string ToString()
    {
        var text = Argument is null ? $"{Area}:{Action}" : $"{Area}:{Action}:{Argument}";
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            throw new InvalidOperationException($"Callback data '{text}' is longer than Telegram's {MaxBytes} bytes.");
        }

        return text;
    }

    public static bool TryParse(string? data, out CallbackData parsed)
    {
        parsed = default;
        if (string.IsNullOrEmpty(data) || Encoding.UTF8.GetByteCount(data) > MaxBytes)
        {
            return false;
        }

        var parts = data.Split(':', 3);
        if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return false;
        }

        parsed = new CallbackData(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
        return true;
    }

    public bool TryGetIntArgument(out int value) =>
        int.TryParse(Argument, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && value > 0;
}
