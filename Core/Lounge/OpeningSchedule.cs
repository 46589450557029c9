namespace HookahLounge.Core.Lounge;

/// <summary>The usual hours of one weekday, as staff edit them. Null times mean closed.</summary>
public sealed class WeeklyHours
{
    public DayOfWeek Day { get; set; }

    public TimeOnly? Opens { get; set; }

    public TimeOnly? Closes { get; set; }
}

/// <summary>A date with other hours than usual (a holiday, a private event), or closed.</summary>
public sealed class OpeningException
{
    public int Id { get; set; }

    public DateOnly Date { get; set; }

    public TimeOnly? Opens { get; set; }

    public TimeOnly? Closes { get; set; }

    /// <summary>Shown to guests, e.g. "Новогодняя ночь".</summary>
    public string? Note { get; set; }
}
