using HookahLounge.Core.Bookings;

namespace HookahLounge.Admin;

/// <summary>Russian wording of booking rules' answers for staff pages.</summary>
public static class BookingTexts
{
    public static string Error(BookingError error) => error switch
    {
        BookingError.NotFound => "Бронь не найдена.",
        BookingError.NotAllowed => "Из текущего статуса так нельзя.",
        BookingError.ReasonRequired => "Укажите причину — её увидит гость.",
        BookingError.PartySize => "Количество гостей вне допустимого (см. настройки брони).",
        BookingError.Duration => "Длительность должна быть из допустимых (шаг 30 минут, в пределах настроек).",
        BookingError.Closed => "В этот день заведение закрыто.",
        BookingError.OutsideHours => "Время вне часов работы или позже последней посадки.",
        BookingError.TooSoon => "Слишком близко к текущему времени.",
        BookingError.TooFarAhead => "Слишком далеко вперёд.",
        BookingError.InPast => "Это время уже прошло. Выберите время не раньше текущего — ночь после полуночи относится к рабочему дню, в который началась.",
        BookingError.NameMissing => "Укажите имя гостя.",
        BookingError.PhoneInvalid => "Проверьте телефон (например, +7 916 123-45-67); без Telegram он обязателен.",
        BookingError.ConsentMissing => "Нет согласия на обработку данных.",
        BookingError.TableUnsuitable => "Этот стол не подходит для такой компании или выключен.",
        BookingError.SlotTaken => "Стол на это время уже занят.",
        _ => "Не удалось сохранить.",
    };

    public static string Status(BookingStatus status) => Core.Staff.StaffWording.Status(status);

    public static string Action(BookingAction action) => action switch
    {
        BookingAction.Confirm => "Подтвердить",
        BookingAction.Seat => "Посадить",
        BookingAction.Complete => "Завершить",
        BookingAction.Cancel => "Отменить",
        _ => "Неявка",
    };

    public static string Source(BookingSource source) => source switch
    {
        BookingSource.Site => "сайт",
        BookingSource.Bot => "бот",
        BookingSource.Phone => "телефон",
        _ => "администратор",
    };
}
