using System.Text.Json;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Data;
using HookahLounge.Core.Notifications;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Visits;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Customers;

public enum GuestStatus
{
    New = 0,
    Regular = 1,
    Lapsed = 2,
}

public sealed record GuestFilter(string? Query = null, string? Tag = null, GuestStatus? Status = null, DateTime? LastVisitFromUtc = null, DateTime? LastVisitBeforeUtc = null, int Take = 100);

/// <summary>One visit: a table visit's opening or the start of a booking the guest came to.</summary>
public sealed class GuestVisit
{
    public int CustomerId { get; init; }

    public DateTime AtUtc { get; init; }
}

public sealed record GuestRow(Customer Customer, int Visits, DateTime? LastVisitUtc, GuestStatus Status);

public sealed record GuestList(int Total, int Matching, IReadOnlyList<GuestRow> Rows);

public sealed record Favourite(string Name, int Quantity);

public sealed record GuestCard(
    Customer Customer,
    GuestStatus Status,
    int Visits,
    DateTime? FirstVisitUtc,
    DateTime? LastVisitUtc,
    int Orders,
    int Bookings,
    decimal TotalSpent,
    decimal AverageCheck,
    int NoShows,
    int LateCancellations,
    IReadOnlyList<Favourite> FavouriteItems,
    IReadOnlyList<Favourite> FavouriteMixes,
    IReadOnlyList<Order> OrderHistory,
    IReadOnlyList<Booking> BookingHistory,
    IReadOnlyList<Visit> VisitHistory,
    IReadOnlyList<OutboxMessage> Notifications,
    IReadOnlyList<CustomerEvent> Events)
{
    public bool ReachableOnTelegram => Customer is { TelegramChatId: not null, TelegramUnreachable: false };
}

/// <summary>
/// The back office's guest records: the list with its search and filters, the card with the figures from
/// every channel, staff notes and tags, booking blocks, and the guest's rights (export, anonymisation).
/// A visit is a table visit (QR) or a booking the guest came to (seated or completed).
/// </summary>
public sealed class GuestRecords(LoungeDbContext db, TimeProvider time)
{
    /// <summary>Visits from which a guest with a recent visit counts as a regular.</summary>
    public const int RegularVisits = 3;

    /// <summary>A guest not seen for this long has lapsed.</summary>
    public static readonly TimeSpan LapsedAfter = TimeSpan.FromDays(60);

    /// <summary>A cancellation less than this before the start is late.</summary>
    public static readonly TimeSpan LateCancellation = TimeSpan.FromHours(3);

    /// <summary>Every visit as the guest and its moment, for figures over many guests (same rule as the card).</summary>
    public static IQueryable<GuestVisit> Visits(LoungeDbContext db) =>
        db.Visits.Select(v => new GuestVisit { CustomerId = v.CustomerId, AtUtc = v.OpenedAtUtc })
            .Concat(db.Bookings.Where(b => b.CustomerId != null && (b.Status == BookingStatus.Seated || b.Status == BookingStatus.Completed))
                .Select(b => new GuestVisit { CustomerId = b.CustomerId!.Value, AtUtc = b.StartUtc }));

    public static GuestStatus StatusOf(int visits, DateTime? lastVisitUtc, DateTime nowUtc) =>
        lastVisitUtc is { } last && last < nowUtc - LapsedAfter ? GuestStatus.Lapsed
        : visits >= RegularVisits ? GuestStatus.Regular
        : GuestStatus.New;

    public async Task<GuestList> SearchAsync(GuestFilter filter, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var lapsedBefore = now - LapsedAfter;
        var customers = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var q = filter.Query.Trim();
            var lower = q.ToLowerInvariant();
            var handle = lower.TrimStart('@');
            var digits = new string([.. q.Where(char.IsAsciiDigit)]);
            var phone = PhoneNumber.TryNormalize(q, out var normalized) ? normalized : null;
            customers = customers.Where(c =>
                (c.Name != null && (c.Name.Contains(q) || c.Name.ToLower().Contains(lower)))
                || (c.TelegramUsername != null && c.TelegramUsername.ToLower().Contains(handle))
                || (phone != null && c.Phone == phone)
                || (digits.Length >= 3 && c.Phone != null && c.Phone.Contains(digits)));
        }

        if (!string.IsNullOrWhiteSpace(filter.Tag))
        {
            var tag = "|" + CustomerTags.Normalize(filter.Tag) + "|";
            customers = customers.Where(c => c.Tags != null && c.Tags.Contains(tag));
        }

        var min = DateTime.SpecifyKind(new DateTime(2000, 1, 1), DateTimeKind.Utc);
        var rows = customers.Select(c => new
        {
            Customer = c,
            Visits = db.Visits.Count(v => v.CustomerId == c.Id)
                     + db.Bookings.Count(b => b.CustomerId == c.Id && (b.Status == BookingStatus.Seated || b.Status == BookingStatus.Completed)),
            LastTable = db.Visits.Where(v => v.CustomerId == c.Id).Max(v => (DateTime?)v.OpenedAtUtc),
            LastBooking = db.Bookings.Where(b => b.CustomerId == c.Id && (b.Status == BookingStatus.Seated || b.Status == BookingStatus.Completed))
                .Max(b => (DateTime?)b.StartUtc),
        }).Select(x => new
        {
            x.Customer,
            x.Visits,
            Last = (x.LastTable ?? min) > (x.LastBooking ?? min) ? x.LastTable : x.LastBooking,
        });

        if (filter.LastVisitFromUtc is { } fromUtc)
        {
            rows = rows.Where(x => x.Last != null && x.Last >= fromUtc);
        }

        if (filter.LastVisitBeforeUtc is { } beforeUtc)
        {
            rows = rows.Where(x => x.Last == null || x.Last < beforeUtc);
        }

        rows = filter.Status switch
        {
            GuestStatus.Lapsed => rows.Where(x => x.Last != null && x.Last < lapsedBefore),
            GuestStatus.Regular => rows.Where(x => x.Visits >= RegularVisits && !(x.Last != null && x.Last < lapsedBefore)),
            GuestStatus.New => rows.Where(x => x.Visits < RegularVisits && !(x.Last != null && x.Last < lapsedBefore)),
            _ => rows,
        };

        var total = await db.Customers.CountAsync(ct);
        var matching = await rows.CountAsync(ct);
        var page = await rows.OrderByDescending(x => x.Last ?? x.Customer.CreatedAtUtc).ThenByDescending(x => x.Customer.Id)
            .Take(Math.Clamp(filter.Take, 1, 500)).ToListAsync(ct);
        return new(total, matching, [.. page.Select(x => new GuestRow(x.Customer, x.Visits, x.Last, StatusOf(x.Visits, x.Last, now)))]);
    }

    public async Task<GuestCard?> CardAsync(int customerId, CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
        {
            return null;
        }

        var attended = db.Bookings.Where(b => b.CustomerId == customerId && (b.Status == BookingStatus.Seated || b.Status == BookingStatus.Completed));
        var tableVisits = db.Visits.Where(v => v.CustomerId == customerId);
        var visits = await attended.CountAsync(ct) + await tableVisits.CountAsync(ct);
        var firsts = new[] { await attended.MinAsync(b => (DateTime?)b.StartUtc, ct), await tableVisits.MinAsync(v => (DateTime?)v.OpenedAtUtc, ct) };
        var lasts = new[] { await attended.MaxAsync(b => (DateTime?)b.StartUtc, ct), await tableVisits.MaxAsync(v => (DateTime?)v.OpenedAtUtc, ct) };
        var first = firsts.Where(d => d is not null).Min();
        var last = lasts.Where(d => d is not null).Max();

        var counted = db.Orders.Where(o => o.CustomerId == customerId && o.Status != OrderStatus.Declined && o.Status != OrderStatus.Cancelled);
        var orders = await counted.CountAsync(ct);
        var spent = await counted.SumAsync(o => o.Total, ct);
        var bookings = db.Bookings.Where(b => b.CustomerId == customerId);
        var noShows = await bookings.CountAsync(b => b.Status == BookingStatus.NoShow, ct);
        var lateCancels = await db.BookingStatusChanges
            .Where(c => c.To == BookingStatus.Cancelled)
            .Join(bookings, c => c.BookingId, b => b.Id, (c, b) => new { c.AtUtc, b.StartUtc })
            .ToListAsync(ct);

        var lines = db.OrderLines.Where(l => counted.Any(o => o.Id == l.OrderId));
        var items = await lines.GroupBy(l => l.ItemName)
            .Select(g => new { g.Key, Quantity = g.Sum(l => l.Quantity) })
            .OrderByDescending(x => x.Quantity).ThenBy(x => x.Key).Take(5).ToListAsync(ct);
        var mixes = await lines.Where(l => l.OptionsSummary != null).GroupBy(l => l.OptionsSummary!)
            .Select(g => new { g.Key, Quantity = g.Sum(l => l.Quantity) })
            .OrderByDescending(x => x.Quantity).ThenBy(x => x.Key).Take(5).ToListAsync(ct);

        return new GuestCard(
            customer,
            StatusOf(visits, last, time.GetUtcNow().UtcDateTime),
            visits,
            first,
            last,
            orders,
            await bookings.CountAsync(ct),
            spent,
            orders == 0 ? 0 : decimal.Round(spent / orders, 2),
            noShows,
            lateCancels.Count(x => x.AtUtc > x.StartUtc - LateCancellation),
            [.. items.Select(i => new Favourite(i.Key, i.Quantity))],
            [.. mixes.Select(i => new Favourite(i.Key, i.Quantity))],
            await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.CustomerId == customerId).OrderByDescending(o => o.CreatedAtUtc).Take(200).ToListAsync(ct),
            await bookings.AsNoTracking().Include(b => b.Table).OrderByDescending(b => b.StartUtc).Take(200).ToListAsync(ct),
            await tableVisits.AsNoTracking().Include(v => v.Table).OrderByDescending(v => v.OpenedAtUtc).Take(200).ToListAsync(ct),
            await db.Outbox.AsNoTracking().Where(m => m.CustomerId == customerId).OrderByDescending(m => m.CreatedAtUtc).Take(100).ToListAsync(ct),
            await db.CustomerEvents.AsNoTracking().Where(e => e.CustomerId == customerId).OrderByDescending(e => e.AtUtc).ToListAsync(ct));
    }

    public async Task<bool> SaveNotesAsync(int customerId, string? notes, string? tags, bool smsOptIn, bool promoOptIn, CancellationToken ct = default)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null || customer.AnonymisedAtUtc is not null)
        {
            return false;
        }

        var trimmed = notes?.Trim();
        customer.Notes = string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > 2000 ? trimmed[..2000] : trimmed;
        customer.Tags = CustomerTags.FromText(tags);
        var consent = new Broadcasts.PromoConsent(db, time);
        consent.SetSms(customer, smsOptIn, Broadcasts.ConsentSource.Staff);
        consent.SetTelegram(customer, promoOptIn, Broadcasts.ConsentSource.Staff);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Stops (reason given) or allows (null) online booking for the guest; recorded either way.</summary>
    public async Task<bool> SetBlockedAsync(int customerId, string? reason, string byName, CancellationToken ct = default)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var block = !string.IsNullOrWhiteSpace(reason);
        customer.BookingBlockedAtUtc = block ? now : null;
        var why = reason?.Trim() ?? "";
        customer.BookingBlockedReason = block ? (why.Length > 500 ? why[..500] : why) : null;
        Record(customerId, block ? CustomerEventKind.Blocked : CustomerEventKind.Unblocked, customer.BookingBlockedReason, byName, now);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Everything the lounge keeps about one guest, as JSON for the guest's request; the export is recorded.</summary>
    public async Task<string?> ExportAsync(int customerId, string byName, CancellationToken ct = default)
    {
        var card = await CardAsync(customerId, ct);
        if (card is null)
        {
            return null;
        }

        var c = card.Customer;
        var export = new
        {
            customer = new
            {
                c.Id, c.Name, c.Phone, c.TelegramUserId, c.TelegramUsername, c.Language, c.Birthday,
                c.AgeConfirmedAtUtc, c.PromoOptIn, c.SmsOptIn, c.Notes, Tags = c.TagList, c.BookingBlockedReason, c.CreatedAtUtc,
            },
            bookings = card.BookingHistory.Select(b => new { b.Code, b.StartUtc, b.EndUtc, b.PartySize, Status = b.Status.ToString(), Source = b.Source.ToString(), b.GuestName, b.GuestPhone, b.Comment, b.ConsentAtUtc }),
            orders = card.OrderHistory.Select(o => new
            {
                o.Id, o.CreatedAtUtc, Status = o.Status.ToString(), Type = o.Type.ToString(), o.Total, o.Comment,
                Lines = o.Lines.Select(l => new { l.ItemName, l.OptionsSummary, l.Quantity, l.UnitPrice }),
            }),
            visits = card.VisitHistory.Select(v => new { v.OpenedAtUtc, v.ClosedAtUtc, Table = v.Table?.Number }),
            notifications = card.Notifications.Select(m => new { m.CreatedAtUtc, Channel = m.Channel.ToString(), m.Text }),
            exportedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        Record(customerId, CustomerEventKind.Exported, null, byName, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return JsonSerializer.Serialize(export, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>
    /// Erases who the guest is (name, phone, Telegram, notes, texts sent) on request; orders, bookings and
    /// visits stay with their sums and times so the figures do not change. Recorded.
    /// </summary>
    public async Task<bool> AnonymiseAsync(int customerId, string byName, CancellationToken ct = default)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null || customer.AnonymisedAtUtc is not null)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        customer.Name = null;
        customer.Phone = null;
        customer.TelegramUserId = null;
        customer.TelegramChatId = null;
        customer.TelegramUsername = null;
        customer.Birthday = null;
        customer.Notes = null;
        customer.Tags = null;
        customer.PromoOptIn = false;
        customer.SmsOptIn = false;
        customer.TelegramUnreachable = true;
        customer.AnonymisedAtUtc = now;
        foreach (var booking in await db.Bookings.Where(b => b.CustomerId == customerId).ToListAsync(ct))
        {
            booking.GuestName = "—";
            booking.GuestPhone = null;
            booking.Comment = null;
        }

        foreach (var order in await db.Orders.Where(o => o.CustomerId == customerId && o.Comment != null).ToListAsync(ct))
        {
            order.Comment = null;
        }

        foreach (var message in await db.Outbox.Where(m => m.CustomerId == customerId).ToListAsync(ct))
        {
            message.Phone = null;
            message.ChatId = null;
            message.Text = "—";
            message.PayloadJson = null;
        }

        await db.ChatSessions.Where(s => s.CustomerId == customerId).ExecuteDeleteAsync(ct);
        Record(customerId, CustomerEventKind.Anonymised, null, byName, now);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private void Record(int customerId, CustomerEventKind kind, string? detail, string byName, DateTime nowUtc) =>
        db.CustomerEvents.Add(new CustomerEvent { CustomerId = customerId, Kind = kind, Detail = detail, ByName = byName, AtUtc = nowUtc });
}
