using System.Globalization;
using HookahLounge.Core.Lounge;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Hours;

/// <summary>The usual week and the special days; closing before opening means after midnight.</summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class HoursIndexModel(OpeningScheduleStore schedule, LoungeProfile lounge) : AdminPageModel
{
    public IReadOnlyList<WeeklyHours> Week { get; private set; } = [];

    public IReadOnlyList<OpeningException> Exceptions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var week = await schedule.WeekAsync(ct);
        Week = [.. OpeningHours.MondayFirst.Select(d => week.FirstOrDefault(w => w.Day == d) ?? new WeeklyHours { Day = d })];
        Exceptions = await schedule.ExceptionsAsync(lounge.BusinessToday.AddDays(-1), ct);
    }

    public async Task<IActionResult> OnPostDayAsync(DayOfWeek day, string? opens, string? closes, bool closed, CancellationToken ct)
    {
        if (!Enum.IsDefined(day) || !TryTimes(closed, opens, closes, out var o, out var c))
        {
            return Flash("Время в формате ЧЧ:ММ, или отметьте «выходной». Ничего не изменено.");
        }

        return Flash(Describe(await schedule.SetWeekdayAsync(day, o, c, ct), "Часы сохранены."));
    }

    public async Task<IActionResult> OnPostExceptionAsync(string? date, string? opens, string? closes, bool closed, string? note, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || !TryTimes(closed, opens, closes, out var o, out var c))
        {
            return Flash("Укажите дату и время в формате ЧЧ:ММ, или отметьте «закрыто». Ничего не изменено.");
        }

        return Flash(Describe(await schedule.SetExceptionAsync(day, o, c, note, ct), "Особый день сохранён."));
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct) =>
        Flash(Describe(await schedule.RemoveExceptionAsync(id, ct), "Особый день удалён."));

    private static bool TryTimes(bool closed, string? opens, string? closes, out TimeOnly? o, out TimeOnly? c)
    {
        (o, c) = (null, null);
        if (closed)
        {
            return true;
        }

        if (TimeOnly.TryParseExact(opens, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var open)
            && TimeOnly.TryParseExact(closes, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var close))
        {
            (o, c) = (open, close);
            return true;
        }

        return false;
    }

    private static string Describe(ScheduleError error, string ok) => error switch
    {
        ScheduleError.None => ok,
        ScheduleError.SameOpenAndClose => "Открытие и закрытие не могут совпадать. Ничего не изменено.",
        ScheduleError.DateInPast => "Эта дата уже прошла. Ничего не изменено.",
        ScheduleError.NotFound => "Не найдено.",
        _ => "Укажите и открытие, и закрытие. Ничего не изменено.",
    };

    private RedirectToPageResult Flash(string message)
    {
        TempData["Flash"] = message;
        return RedirectToPage();
    }
}
