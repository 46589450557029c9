using System.ComponentModel.DataAnnotations;

namespace HookahLounge.Core.Bookings;

/// <summary>The lounge's booking policy, edited by managers; one row. Defaults fit a typical lounge.</summary>
public sealed class BookingSettings
{
    public int Id { get; set; } = 1;

    /// <summary>Start times are offered on this grid, e.g. 19:00, 19:30.</summary>
    [Range(15, 120)]
    [Display(Name = "Шаг времени, мин")]
    public int SlotStepMinutes { get; set; } = 30;

    /// <summary>How soon before the start a booking may still be made.</summary>
    [Range(0, 24 * 60)]
    [Display(Name = "Бронь не позже чем за, мин")]
    public int MinLeadMinutes { get; set; } = 60;

    /// <summary>How many days ahead guests may book.</summary>
    [Range(1, 180)]
    [Display(Name = "На сколько дней вперёд")]
    public int HorizonDays { get; set; } = 30;

    [Range(30, 720)]
    [Display(Name = "Длительность по умолчанию, мин")]
    public int DefaultDurationMinutes { get; set; } = 120;

    [Range(30, 720)]
    [Display(Name = "Длительность от, мин")]
    public int MinDurationMinutes { get; set; } = 60;

    [Range(30, 720)]
    [Display(Name = "Длительность до, мин")]
    public int MaxDurationMinutes { get; set; } = 240;

    /// <summary>The last start this long before closing.</summary>
    [Range(0, 360)]
    [Display(Name = "Последняя посадка до закрытия за, мин")]
    public int LastSeatingBeforeCloseMinutes { get; set; } = 60;

    [Range(1, 100)]
    [Display(Name = "Максимум гостей в брони")]
    public int MaxPartySize { get; set; } = 10;

    /// <summary>A late guest's table is held this long after the start; then the booking becomes a no-show.</summary>
    [Range(5, 120)]
    [Display(Name = "Держим стол опоздавшим, мин")]
    public int HoldMinutes { get; set; } = 20;

    /// <summary>A guest who says they are running late may extend the hold up to this many minutes after the start.</summary>
    [Range(0, 120)]
    [Display(Name = "Продление ожидания опоздавшего, мин")]
    public int MaxLateMinutes { get; set; } = 30;

    /// <summary>Confirm new bookings at once instead of waiting for staff.</summary>
    public bool AutoConfirm { get; set; }

    /// <summary>The reminder goes this long before the start.</summary>
    [Range(0, 48 * 60)]
    [Display(Name = "Напоминание за, мин")]
    public int ReminderBeforeMinutes { get; set; } = 120;

    /// <summary>No reminders in these local hours; a reminder that would fall inside goes out before they start.</summary>
    [Display(Name = "Тихие часы с")]
    public TimeOnly QuietHoursStart { get; set; } = new(23, 0);

    [Display(Name = "Тихие часы до")]
    public TimeOnly QuietHoursEnd { get; set; } = new(10, 0);

    /// <summary>Guests choose the duration on this step.</summary>
    public int DurationStepMinutes => 30;

    /// <summary>A copy to change without touching the original (all values, no references).</summary>
    public BookingSettings Copy() => (BookingSettings)MemberwiseClone();

    public IEnumerable<int> DurationChoices()
    {
        for (var minutes = MinDurationMinutes; minutes <= MaxDurationMinutes; minutes += DurationStepMinutes)
        {
            yield return minutes;
        }
    }
}
