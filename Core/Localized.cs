using System.Diagnostics.CodeAnalysis;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Promotions;

namespace HookahLounge.Core;

/// <summary>
/// The one rule for guest-facing content in two languages: Russian is the lounge's own text and always there;
/// an English guest gets the English text where staff wrote one, otherwise the Russian.
/// The language is a code as the bot and site keep it ("ru", "en"; "en-US" counts as English).
/// </summary>
public static class Localized
{
    public const string Russian = "ru";

    public const string English = "en";

    public static bool IsEnglish(string? language) =>
        language is { Length: >= 2 }
        && language.StartsWith(English, StringComparison.OrdinalIgnoreCase)
        && (language.Length == 2 || language[2] is '-' or '_');

    /// <summary>The English text for an English guest when it is not blank, otherwise the Russian.</summary>
    [return: NotNullIfNotNull(nameof(russian))]
    public static string? Pick(string? russian, string? english, string? language) =>
        IsEnglish(language) && !string.IsNullOrWhiteSpace(english) ? english : russian;

    public static string DisplayName(this MenuCategory category, string? language) => Pick(category.Name, category.NameEn, language);

    public static string DisplayName(this MenuItem item, string? language) => Pick(item.Name, item.NameEn, language);

    /// <summary>The item's description; an English guest gets the Russian one only when no English one is written.</summary>
    public static string? DisplayDescription(this MenuItem item, string? language) => Pick(item.Description, item.DescriptionEn, language);

    public static string DisplayName(this MenuOptionGroup group, string? language) => Pick(group.Name, group.NameEn, language);

    public static string DisplayName(this MenuOptionValue value, string? language) => Pick(value.Name, value.NameEn, language);

    public static string DisplayTitle(this Promotion promotion, string? language) => Pick(promotion.Title, promotion.TitleEn, language);

    public static string DisplayDescription(this Promotion promotion, string? language) => Pick(promotion.Description, promotion.DescriptionEn, language);

    /// <summary>Trims an optional text; blank becomes null. Returns false when it is longer than <paramref name="maxLength"/>.</summary>
    public static bool TryOptional(string? text, int maxLength, out string? value)
    {
        value = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return value is null || value.Length <= maxLength;
    }
}
