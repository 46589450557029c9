using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HookahLounge.Core.Lounge;

public enum ScheduleError
{
    None,
    OpensWithoutCloses,
    SameOpenAndClose,
    DateInPast,
    NotFound,
}

/// <summary>Opening hours and exceptions in the database, editable by staff.</summary>
public sealed class OpeningScheduleStore(LoungeDbContext db, OpeningHoursCache cache, IOptions<LoungeOptions> options, TimeProvider time, Content.ContentVersions content)
{
    /// <summary>First start: copy the configured week into the database, where staff can edit it.</summary>
    public async Task SeedFromConfigurationAsync(CancellationToken ct = default)
    {
        if (await db.WeeklyHours.AnyAsync(ct))
        {
            return;
        }

        var configured = OpeningHours.FromOptions(options.Value);
        foreach (var day in OpeningHours.MondayFirst)
        {
            var hours = configured.For(day);
            db.WeeklyHours.Add(new WeeklyHours { Day = day, Opens = hours?.Opens, Closes = hours?.Closes });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Loads the schedule (exceptions from a week ago on) into the shared cache.</summary>
    public async Task<OpeningHours> RefreshAsync(CancellationToken ct = default)
    {
        var week = await db.WeeklyHours.AsNoTracking().ToListAsync(ct);
        var since = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-7);
        var exceptions = await db.OpeningExceptions.AsNoTracking().Where(e => e.Date >= since).ToListAsync(ct);
        var hours = week.Count == 0
            ? OpeningHours.FromOptions(options.Value)
            : new OpeningHours(
                week.Where(w => w.Opens is not null && w.Closes is not null).ToDictionary(w => w.Day, w => new DailyHours(w.Opens!.Value, w.Closes!.Value)),
                exceptions.ToDictionary(e => e.Date, e => e.Opens is { } opens && e.Closes is { } closes ? new DailyHours(opens, closes) : (DailyHours?)null));
        cache.Replace(hours);
        return hours;
    }

    public Task<List<WeeklyHours>> WeekAsync(CancellationToken ct = default) => db.WeeklyHours.AsNoTracking().ToListAsync(ct);

    public Task<List<OpeningException>> ExceptionsAsync(DateOnly from, CancellationToken ct = default) =>
        db.OpeningExceptions.AsNoTracking().Where(e => e.Date >= from).OrderBy(e => e.Date).ToListAsync(ct);

    /// <summary>Sets a weekday's usual hours (both null = closed).</summary>
    public async Task<ScheduleError> SetWeekdayAsync(DayOfWeek day, TimeOnly? opens, TimeOnly? closes, CancellationToken ct = default)
    {
        if (Check(opens, closes) is var error and not ScheduleError.None)
        {
            return error;
        }

        var row = await db.WeeklyHours.FindAsync([day], ct);
        if (row is null)
        {
            row = new WeeklyHours { Day = day };
            db.WeeklyHours.Add(row);
        }

        row.Opens = opens;
        row.Closes = closes;
        await db.SaveChangesAsync(ct);
        await content.BumpAsync(ct);
        await RefreshAsync(ct);
        return ScheduleError.None;
    }

    /// <summary>Adds or replaces the exception for a date (both times null = closed that day).</summary>
    public async Task<ScheduleError> SetExceptionAsync(DateOnly date, TimeOnly? opens, TimeOnly? closes, string? note, CancellationToken ct = default)
    {
        if (Check(opens, closes) is var error and not ScheduleError.None)
        {
            return error;
        }

        if (date < DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1))
        {
            return ScheduleError.DateInPast;
        }

        var row = await db.OpeningExceptions.SingleOrDefaultAsync(e => e.Date == date, ct);
        if (row is null)
        {
            row = new OpeningException { Date = date };
            db.OpeningExceptions.Add(row);
        }

        row.Opens = opens;
        row.Closes = closes;
        row.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await db.SaveChangesAsync(ct);
        await content.BumpAsync(ct);
        await RefreshAsync(ct);
        return ScheduleError.None;
    }

    public async Task<ScheduleError> RemoveExceptionAsync(int id, CancellationToken ct = default)
    {
        if (await db.OpeningExceptions.FindAsync([id], ct) is not { } exception)
        {
            return ScheduleError.NotFound;
        }

        db.OpeningExceptions.Remove(exception);
        await db.SaveChangesAsync(ct);

        await content.BumpAsync(ct);
        await RefreshAsync(ct);
        return ScheduleError.None;
    }

    private static ScheduleError Check(TimeOnly? opens, TimeOnly? closes) => (opens, closes) switch
    {
        (null, null) => ScheduleError.None,
        (null, _) or (_, null) => ScheduleError.OpensWithoutCloses,
        var (o, c) when o == c => ScheduleError.SameOpenAndClose,
        _ => ScheduleError.None,
    };
}
