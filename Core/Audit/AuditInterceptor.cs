using System.Globalization;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Promotions;
using HookahLounge.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HookahLounge.Core.Audit;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every back-office change into the same SaveChanges as the change,
/// so the change and its record commit or roll back together. Only changes made by a staff member are
/// recorded; guests' bookings and orders are their own history.
/// </summary>
public sealed class AuditInterceptor(IAuditActorSource? source, TimeProvider time) : SaveChangesInterceptor
{
    private static readonly HashSet<string> Secret = [nameof(StaffUser.PasswordHash), nameof(StaffUser.SecurityStamp), nameof(Booking.AccessToken), nameof(Booking.VerificationCodeHash), nameof(Booking.TelegramTokenHash)];

    private static readonly HashSet<string> Noise = [nameof(Booking.Version), nameof(MenuPhoto.Bytes), nameof(Broadcasts.Broadcast.Photo), nameof(Broadcasts.Broadcast.PhotoFileId)];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    private void Record(DbContext? context)
    {
        if (context is null || (AuditActor.Current ?? source?.Current) is not { } actor)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not AuditEntry)
            .Select(e => (Entry: e, Area: AreaOf(e)))
            .Where(x => x.Area is not null)
            .ToList();
        foreach (var (entry, area) in entries)
        {
            var changes = Describe(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            context.Add(new AuditEntry
            {
                AtUtc = now,
                StaffUserId = actor.StaffUserId,
                Actor = actor.Login.Length > 64 ? actor.Login[..64] : actor.Login,
                Area = area!.Value,
                Action = entry.State.ToString(),
                Entity = entry.Metadata.ClrType.Name,
                EntityKey = Truncate(KeyOf(entry), 200),
                Changes = changes.Count == 0 ? null : Truncate(string.Join("\n", changes), 4000),
            });
        }
    }

    private static AuditArea? AreaOf(EntityEntry entry) => entry.Entity switch
    {
        MenuItem or MenuOptionValue when entry.State == EntityState.Modified && IsOnlyAvailability(entry) => AuditArea.StopList,
        MenuCategory or MenuItem or MenuOptionGroup or MenuOptionValue or MenuItemOptionGroup or MenuPhoto => AuditArea.Menu,
        Booking => AuditArea.Bookings,
        Order => AuditArea.Orders,
        Promotion => AuditArea.Promotions,
        StaffUser => AuditArea.Staff,
        BookingSettings or WeeklyHours or OpeningException or Zone or LoungeTable => AuditArea.Settings,
        Broadcasts.Broadcast or Broadcasts.SavedAudience => AuditArea.Broadcasts,
        Visits.ServiceCall => AuditArea.ServiceCalls,
        _ => null,
    };

    private static bool IsOnlyAvailability(EntityEntry entry) =>
        entry.Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).Select(p => p.Metadata.Name).ToList() is [nameof(MenuItem.IsAvailable)];

    private static List<string> Describe(EntityEntry entry)
    {
        var lines = new List<string>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Noise.Contains(name) || property.Metadata.IsPrimaryKey())
            {
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    lines.Add(Secret.Contains(name) ? $"{name}: изменено" : $"{name}: {Show(property.OriginalValue)} → {Show(property.CurrentValue)}");
                    break;
                case EntityState.Added when property.CurrentValue is not null && !Secret.Contains(name):
                    lines.Add($"{name}: {Show(property.CurrentValue)}");
                    break;
            }
        }

        return lines;
    }

    /// <summary>The key when the row has one; a new row's name (its key is not known until it is saved).</summary>
    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).CurrentValue).ToList() ?? [];
        var label = entry.Entity switch
        {
            MenuItem i => i.Name,
            MenuCategory c => c.Name,
            MenuOptionGroup g => g.Name,
            MenuOptionValue v => v.Name,
            Booking b => b.Code,
            Promotion p => p.Title,
            Broadcasts.Broadcast b => b.Title,
            Broadcasts.SavedAudience a => a.Name,
            StaffUser u => u.Login,
            Zone z => z.Name,
            LoungeTable t => $"стол {t.Number}",
            OpeningException e => e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => null,
        };
        var id = entry.State == EntityState.Added && entry.Metadata.FindPrimaryKey()?.Properties.Any(p => p.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never) == true
            ? null
            : string.Join(",", key.Select(Show));
        return (id, label) switch
        {
            (null, null) => "новая запись",
            (null, { } name) => name,
            ({ } k, null) => k,
            ({ } k, { } name) => $"{k} ({name})",
        };
    }

    private static string Show(object? value) => value switch
    {
        null => "—",
        string s => s.Length > 200 ? s[..200] + "…" : s,
        DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Truncate(string text, int max) => text.Length > max ? text[..(max - 1)] + "…" : text;
}
