using System.Globalization;

namespace HookahLounge.Core.Menu;

/// <summary>
/// The one way money is shown, in the bot, on the site and in the back office: "1 400 ₽" for whole rubles,
/// "450,50 ₽" with kopecks (always two digits, never "450.5").
/// </summary>
public static class Rubles
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    public static string Format(decimal amount) => Number(amount) + "\u00A0₽";

    /// <summary>The amount without the sign, e.g. for a table column already headed "₽" or a form field.</summary>
    public static string Number(decimal amount) => amount.ToString(decimal.Round(amount) == amount ? "#,0" : "#,0.00", Russian);

    /// <summary>The amount as a price field shows it for editing: no group separators, a comma before kopecks ("1400", "450,50").</summary>
    public static string Input(decimal amount) => amount.ToString(decimal.Round(amount) == amount ? "0" : "0.00", Russian);
}
