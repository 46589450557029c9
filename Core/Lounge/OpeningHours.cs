using System.Globalization;

namespace HookahLounge.Core.Lounge;

/// <summary>One day's session. When <see cref="Closes"/> is not after <see cref="Opens"/> the session ends the next morning.</summary>
public readonly record struct DailyHours(TimeOnly Opens, TimeOnly Closes)
{
    public bool CrossesMidnight => Closes <= Opens;

    public TimeSpan Length => CrossesMidnight
        ? TimeSpan.FromDays(1) - (Opens - Closes)
        : Closes - Opens;

    public override string ToString() =>
        $"{Opens.ToString("HH:mm", CultureInfo.InvariantCulture)}–{Closes.ToString("HH:mm", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// The weekly schedule in local time. A lounge's business day runs past midnight, so 01:30 on Saturday
/// belongs to Friday's session when Friday closes at 04:00.
/// </summary>
public sealed class OpeningHours
{
    private readonly Dictionary<DayOfWeek, DailyHours> _days;
    private readonly Dictionary<DateOnly, DailyHours?> _exceptions;

    /// <param name="days">The usual week; a missing day is closed.</param>
    /// <param name="exceptions">Dates that differ from the usual week: other hours, or null for closed.</param>
    public OpeningHours(IReadOnlyDictionary<DayOfWeek, DailyHours> days, IReadOnlyDictionary<DateOnly, DailyHours?>? exceptions = null)
    {
        _days = new(days);
        _exceptions = exceptions is null ? [] : new(exceptions);
    }

    /// <summary>The usual hours of a weekday.</summary>
    public DailyHours? For(DayOfWeek day) => _days.TryGetValue(day, out var hours) ? hours : null;

    /// <summary>The hours of one date: its exception if it has one, else its weekday's.</summary>
    public DailyHours? ForDate(DateOnly date) => _exceptions.TryGetValue(date, out var special) ? special : For(date.DayOfWeek);

    /// <summary>Dates from <paramref name="from"/> on that differ from the usual week, in order.</summary>
    public IReadOnlyList<(DateOnly Date, DailyHours? Hours)> ExceptionsFrom(DateOnly from) =>
        [.. _exceptions.Where(e => e.Key >= from).OrderBy(e => e.Key).Select(e => (e.Key, e.Value))];

    /// <summary>The local instants a date's session spans, or null when that date is closed.</summary>
    public (DateTime Opens, DateTime Closes)? SessionOn(DateOnly date) => ForDate(date) is { } hours
        ? (date.ToDateTime(hours.Opens), (hours.CrossesMidnight ? date.AddDays(1) : date).ToDateTime(hours.Closes))
        : null;

    /// <summary>The date whose session covers <paramref name="local"/>, or the calendar date when closed.</summary>
    public DateOnly BusinessDateAt(DateTime local)
    {
        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        var previous = date.AddDays(-1);
        if (ForDate(previous) is { CrossesMidnight: true } late && time < late.Closes)
        {
            return previous;
        }

        return date;
    }

    public bool IsOpenAt(DateTime local)
    {
        var time = TimeOnly.FromDateTime(local);
        var previous = DateOnly.FromDateTime(local).AddDays(-1);
        if (ForDate(previous) is { CrossesMidnight: true } late && time < late.Closes)
        {
            return true;
        }

        if (ForDate(DateOnly.FromDateTime(local)) is not { } today)
        {
            return false;
        }

        return today.CrossesMidnight ? time >= today.Opens : time >= today.Opens && time < today.Closes;
    }

    /// <summary>Monday-first list for display; closed days have no hours.</summary>
    public IReadOnlyList<(DayOfWeek Day, DailyHours? Hours)> Week() =>
        [.. MondayFirst.Select(d => (d, For(d)))];

    public static readonly DayOfWeek[] MondayFirst =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday,
        DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    /// <summary>Parses "14:00-02:00" (a hyphen or en dash) or "closed".</summary>
    public static bool TryParseDay(string? text, out DailyHours? hours)
    {
        hours = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Equals("closed", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var parts = trimmed.Split(['-', '–'], StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
            || !TimeOnly.TryParseExact(parts[1], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes)
            || opens == closes)
        {
            return false;
        }

        hours = new DailyHours(opens, closes);
        return true;
    }

    public static OpeningHours FromOptions(LoungeOptions options)
    {
        var days = new Dictionary<DayOfWeek, DailyHours>();
        foreach (var (day, text) in options.OpeningHours)
        {
            if (!TryParseDay(text, out var hours))
            {
                throw new FormatException($"Lounge:OpeningHours:{day} = '{text}' is not 'HH:mm-HH:mm' or 'closed'.");
            }

            if (hours is { } open)
            {
                days[day] = open;
            }
        }

        return new OpeningHours(days);
    }
}
