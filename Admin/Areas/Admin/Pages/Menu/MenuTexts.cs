using System.Globalization;
using HookahLounge.Core.Menu;

namespace HookahLounge.Admin.Areas.Admin.Pages.Menu;

/// <summary>What the menu editor tells staff about an edit that was refused; each message says nothing changed.</summary>
public static class MenuTexts
{
    public static string Error(MenuEditError error) => error switch
    {
        MenuEditError.NameMissing => "Укажите название. Ничего не изменено.",
        MenuEditError.SlugInvalid => "Адрес раздела — латиница, цифры и дефис (например, «hookahs»). Ничего не изменено.",
        MenuEditError.SlugTaken => "Такой адрес раздела уже есть. Ничего не изменено.",
        MenuEditError.PriceInvalid => "Цена — число не меньше нуля, например 1400 или 590,50. Ничего не изменено.",
        MenuEditError.RangeInvalid => "Выбор «от» не больше «до», «до» от 1 до 20. Ничего не изменено.",
        MenuEditError.PhotoTooLarge => "Фото больше 2 МБ. Ничего не изменено.",
        MenuEditError.PhotoNotAnImage => "Загрузите фото в формате JPEG, PNG или WebP. Ничего не изменено.",
        MenuEditError.EnglishTooLong => "Английский текст слишком длинный: название раздела, опции или варианта — до 100 символов, позиции — до 150, описание — до 1000. Ничего не изменено.",
        MenuEditError.OrderInvalid => "Порядок не сохранён: список изменился, пока вы его двигали. Обновите страницу. Ничего не изменено.",
        MenuEditError.NothingChosen => "Отметьте хотя бы одну позицию или вариант. Ничего не изменено.",
        _ => "Не найдено — возможно, уже удалено. Ничего не изменено.",
    };

    /// <summary>A price as staff type it: "1400", "1 400", "590,50" or "590.50"; null when it is not a price.</summary>
    public static decimal? ParsePrice(string? text)
    {
        var cleaned = text?.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace("₽", "", StringComparison.Ordinal).Replace(',', '.');
        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
