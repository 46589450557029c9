using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HookahLounge.Core.Customers;

/// <summary>
/// Joins two records of one person: every booking, order, visit, notification and chat session of the
/// dropped record moves to the kept one, notes and tags are combined, and the merge is recorded.
/// </summary>
public sealed class CustomerMerger(LoungeDbContext db, TimeProvider time)
{
    public async Task<bool> MergeAsync(int keepId, int dropId, string byName, CancellationToken ct = default)
    {
        if (keepId == dropId)
        {
            return false;
        }

        var keep = await db.Customers.SingleOrDefaultAsync(c => c.Id == keepId, ct);
        var drop = await db.Customers.SingleOrDefaultAsync(c => c.Id == dropId, ct);
        if (keep is null || drop is null || (keep.TelegramUserId is not null && drop.TelegramUserId is not null))
        {
            // Two Telegram accounts stay two records: each has its own chat.
            return false;
        }

        if (drop.TelegramUserId is not null)
        {
            (keep, drop) = (drop, keep);
        }

        await MoveAsync(db, keep, drop, byName, time.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Moves <paramref name="drop"/>'s history to <paramref name="keep"/> in the unit of work; the caller saves.</summary>
    internal static async Task MoveAsync(LoungeDbContext db, Customer keep, Customer drop, string byName, DateTime nowUtc, CancellationToken ct)
    {
        foreach (var booking in await db.Bookings.Where(b => b.CustomerId == drop.Id).ToListAsync(ct))
        {
            booking.CustomerId = keep.Id;
            booking.Customer = keep;
        }

        foreach (var order in await db.Orders.Where(o => o.CustomerId == drop.Id).ToListAsync(ct))
        {
            order.CustomerId = keep.Id;
            order.Customer = keep;
        }

        foreach (var visit in await db.Visits.Where(v => v.CustomerId == drop.Id).ToListAsync(ct))
        {
            visit.CustomerId = keep.Id;
        }

        foreach (var message in await db.Outbox.Where(m => m.CustomerId == drop.Id).ToListAsync(ct))
        {
            message.CustomerId = keep.Id;
        }

        foreach (var session in await db.ChatSessions.Where(s => s.CustomerId == drop.Id).ToListAsync(ct))
        {
            session.CustomerId = keep.Id;
        }

        foreach (var past in await db.CustomerEvents.Where(e => e.CustomerId == drop.Id).ToListAsync(ct))
        {
            past.CustomerId = keep.Id;
        }

        // The consent log is proof of consent: it follows the guest, it is not deleted with the merged-away record.
        foreach (var consent in await db.ConsentChanges.Where(c => c.CustomerId == drop.Id).ToListAsync(ct))
        {
            consent.CustomerId = keep.Id;
            consent.Customer = keep;
        }

        keep.Name ??= drop.Name;
        keep.Phone ??= drop.Phone;
        keep.Birthday ??= drop.Birthday;
        keep.NewsAskedAtUtc ??= drop.NewsAskedAtUtc;
        keep.AgeConfirmedAtUtc ??= drop.AgeConfirmedAtUtc;
        keep.SmsOptIn |= drop.SmsOptIn;
        keep.PromoOptIn |= drop.PromoOptIn;
        keep.CreatedAtUtc = keep.CreatedAtUtc < drop.CreatedAtUtc ? keep.CreatedAtUtc : drop.CreatedAtUtc;
        keep.Notes = string.Join("\n", new[] { keep.Notes, drop.Notes }.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct()) is { Length: > 0 } notes
            ? (notes.Length > 2000 ? notes[..2000] : notes)
            : null;
        keep.Tags = CustomerTags.Format(keep.TagList.Concat(drop.TagList));
        if (keep.BookingBlockedAtUtc is null && drop.BookingBlockedAtUtc is not null)
        {
            keep.BookingBlockedAtUtc = drop.BookingBlockedAtUtc;
            keep.BookingBlockedReason = drop.BookingBlockedReason;
        }

        db.Customers.Remove(drop);
        db.CustomerEvents.Add(new CustomerEvent
        {
            CustomerId = keep.Id,
            Kind = CustomerEventKind.Merged,
            Detail = $"#{drop.Id} {drop.Name} {drop.Phone}".Trim(),
            ByName = byName,
            AtUtc = nowUtc,
        });
    }
}

/// <summary>
/// When a Telegram guest shares a phone (the bot sets <see cref="Customer.Phone"/>), the phone-only records
/// made by site and phone bookings with that number join the Telegram record in the same save.
/// </summary>
public sealed class PhoneMergeInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is LoungeDbContext db)
        {
            db.ChangeTracker.DetectChanges();
            var sharers = db.ChangeTracker.Entries<Customer>()
                .Where(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Modified
                            && e.Entity is { TelegramUserId: not null, Phone: not null }
                            && e.Property(c => c.Phone).IsModified)
                .Select(e => e.Entity)
                .ToList();
            foreach (var keep in sharers)
            {
                var phone = keep.Phone;
                var others = await db.Customers
                    .Where(c => c.Phone == phone && c.TelegramUserId == null && c.Id != keep.Id)
                    .ToListAsync(cancellationToken);
                foreach (var drop in others)
                {
                    await CustomerMerger.MoveAsync(db, keep, drop, "телефон из Telegram", time.GetUtcNow().UtcDateTime, cancellationToken);
                }
            }
        }

        return result;
    }
}
