using System.ComponentModel.DataAnnotations;
using HookahLounge.Core.Content;
using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Bookings;

/// <summary>Reads and saves the booking policy; before anything is saved the defaults apply.</summary>
public sealed class BookingSettingsStore(LoungeDbContext db, ContentVersions versions, ContentCache<BookingSettings> cache)
{
    /// <summary>
    /// Served from memory while the content version stands: every step of a booking dialog and every booking page
    /// needs the policy. Each caller gets a copy of its own, as the settings form edits what it gets.
    /// </summary>
    public async Task<BookingSettings> GetAsync(CancellationToken ct = default) =>
        (await cache.GetAsync(versions, async cancel => await db.BookingSettings.AsNoTracking().SingleOrDefaultAsync(cancel) ?? new BookingSettings(), ct)).Copy();

    /// <summary>Saves the policy; returns the problems instead when it does not hold together.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(BookingSettings settings, CancellationToken ct = default)
    {
        var problems = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), problems, validateAllProperties: true);
        var messages = problems.Select(p => p.ErrorMessage ?? "").ToList();
        if (settings.MinDurationMinutes > settings.MaxDurationMinutes)
        {
            messages.Add("Минимальная длительность больше максимальной.");
        }

        if (settings.DefaultDurationMinutes < settings.MinDurationMinutes || settings.DefaultDurationMinutes > settings.MaxDurationMinutes)
        {
            messages.Add("Длительность по умолчанию должна быть между минимальной и максимальной.");
        }

        if (messages.Count > 0)
        {
            return messages;
        }

        settings.Id = 1;
        if (await db.BookingSettings.AnyAsync(ct))
        {
            db.BookingSettings.Update(settings);
        }
        else
        {
            db.BookingSettings.Add(settings);
        }

        await db.SaveChangesAsync(ct);

        // Retires every host's cached copy (this host's at once, the others' within the content check interval).
        await versions.BumpAsync(ct);
        return [];
    }
}
