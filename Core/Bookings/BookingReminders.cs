using System.Globalization;
using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HookahLounge.Core.Bookings;

/// <summary>
/// Timed booking work for the scheduler: reminders before the visit (never inside quiet hours, then
/// earlier) and releasing tables of guests who did not come. Each reminder has a unique outbox key and a
/// mark on the booking, so it goes out once however often or on however many hosts the job runs.
/// </summary>
public sealed partial class BookingReminders(
    LoungeDbContext db,
    Notifier notifier,
    LoungeProfile lounge,
    BookingSettingsStore settingsStore,
    BookingService bookings,
    TimeProvider time,
    ILogger<BookingReminders> logger)
{
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var settings = await settingsStore.GetAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var horizon = now.AddMinutes(settings.ReminderBeforeMinutes).AddDays(1);
        var candidates = await db.Bookings
            .Where(b => (b.Status == BookingStatus.New || b.Status == BookingStatus.Confirmed) && !b.AwaitingVerification
                        && b.ReminderSentAtUtc == null && b.StartUtc > now && b.StartUtc <= horizon)
            .Include(b => b.Customer)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var booking in candidates)
        {
            var due = ReminderDueUtc(booking, settings);
            if (due is { } at && at > now)
            {
                continue;
            }

            booking.ReminderSentAtUtc = now;
            if (due is not null)
            {
                await QueueReminderAsync(booking, settings, ct);
                sent++;
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another host queued this reminder first; its key is unique.
                db.ChangeTracker.Clear();
                sent--;
            }
        }

        if (sent > 0)
        {
            LogReminders(sent);
        }

        return sent;
    }

    /// <summary>
    /// When the reminder should go: the configured time before the start, moved to just before the quiet
    /// hours when it would fall inside them; null when that moment is before the booking was even made.
    /// </summary>
    public DateTime? ReminderDueUtc(Booking booking, BookingSettings settings)
    {
        var dueLocal = lounge.ToLocal(booking.StartUtc).AddMinutes(-settings.ReminderBeforeMinutes);
        var (start, end) = (settings.QuietHoursStart, settings.QuietHoursEnd);
        var clock = TimeOnly.FromDateTime(dueLocal);
        var inQuiet = start <= end ? clock >= start && clock < end : clock >= start || clock < end;
        if (inQuiet)
        {
            var quietBegan = clock >= start ? DateOnly.FromDateTime(dueLocal) : DateOnly.FromDateTime(dueLocal).AddDays(-1);
            dueLocal = quietBegan.ToDateTime(start).AddMinutes(-1);
        }

        var dueUtc = lounge.ToUtc(dueLocal);
        return dueUtc < booking.CreatedAtUtc ? null : dueUtc;
    }

    /// <summary>Confirmed bookings whose guests are later than the hold time become no-shows; finished visits complete.</summary>
    public async Task<int> ReleaseAsync(CancellationToken ct = default)
    {
        var settings = await settingsStore.GetAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var lateBefore = now.AddMinutes(-settings.HoldMinutes);
        var overdue = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Confirmed && b.StartUtc < lateBefore)
            .Select(b => new { b.Id, b.StartUtc, b.LateMinutes }).ToListAsync(ct);
        // A guest who said they would be late keeps the table for as long as they said (within the limit).
        var noShows = overdue.Where(b => b.StartUtc.AddMinutes(Math.Max(settings.HoldMinutes, b.LateMinutes ?? 0)) < now).Select(b => b.Id).ToList();
        var finished = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Seated && b.EndUtc < now.AddHours(-1))
            .Select(b => b.Id).ToListAsync(ct);
        var changed = 0;
        foreach (var id in noShows)
        {
            changed += (await bookings.ChangeStatusAsync(id, BookingAction.MarkNoShow, Actor.System, ct: ct)).Succeeded ? 1 : 0;
        }

        foreach (var id in finished)
        {
            changed += (await bookings.ChangeStatusAsync(id, BookingAction.Complete, Actor.System, ct: ct)).Succeeded ? 1 : 0;
        }

        return changed + await bookings.ExpireUnconfirmedCodesAsync(ct);
    }

    private async Task QueueReminderAsync(Booking booking, BookingSettings settings, CancellationToken ct)
    {
        var start = lounge.ToLocal(booking.StartUtc);
        var held = start.AddMinutes(settings.HoldMinutes);
        var id = booking.Id.ToString(CultureInfo.InvariantCulture);
        await notifier.ToGuestAsync(
            booking.Customer,
            booking.GuestPhone,
            $"booking:{booking.Id}:reminder",
            language => notifier.Text(language, "Booking.Reminder", booking.Code, start.ToString("HH:mm", CultureInfo.InvariantCulture), booking.PartySize, held.ToString("HH:mm", CultureInfo.InvariantCulture)),
            ct: ct,
            buttons: language =>
            [
                [new(notifier.Text(language, "Btn.WillCome"), $"bkr:yes:{id}")],
                [new(notifier.Text(language, "Btn.Move"), $"bkr:move:{id}"), new(notifier.Text(language, "Btn.Cancel"), $"bkr:cancel:{id}")],
            ],
            smsText: language => notifier.Text(language, "Booking.ReminderSms", booking.Code,
                start.ToString("d MMMM HH:mm", CultureInfo.GetCultureInfo(language)), booking.PartySize, lounge.Options.Phone));
    }

    [LoggerMessage(LogLevel.Information, "Queued {Count} booking reminder(s)")]
    private partial void LogReminders(int count);
}
