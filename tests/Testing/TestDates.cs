using System.Globalization;

namespace HookahLounge.Testing;

/// <summary>Dates tests can book against whatever day the suite runs on.</summary>
public static class TestDates
{
    /// <summary>A Wednesday (demo hours 14:00–02:00) at least two days ahead in Moscow, clear of the lead time.</summary>
    public static DateOnly NextWednesday()
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/Moscow")).AddDays(2);
        while (day.DayOfWeek != DayOfWeek.Wednesday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    public static string NextWednesdayText() => NextWednesday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
