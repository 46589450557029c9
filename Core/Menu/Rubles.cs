using System.Globalization;

namespace HookahLounge.Core.Menu;

/// <summary>Prices as guests read them: "1 400 ₽", kopecks only when there are any.</summary>
public static class Rubles
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    public static string Format(decimal amount) => amount.ToString("#,0.##", Russian) + "\u00A0₽";
}
