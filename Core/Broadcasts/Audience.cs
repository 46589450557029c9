using System.Text.Json;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Promotions;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Broadcasts;

/// <summary>
/// Who gets a broadcast: always only guests who agreed to promos on a channel we can reach them on, narrowed
/// by every condition that is set (all of them must hold).
/// </summary>
public sealed record AudienceFilter
{
    /// <summary>Came (a table visit or a booking they came to) within this many days.</summary>
    public int? VisitedWithinDays { get; init; }

    /// <summary>Has not come for at least this many days (guests who never came are included only when they ordered or booked).</summary>
    public int? NotVisitedForDays { get; init; }

    public int? OrderedItemId { get; init; }

    public int? OrderedSectionId { get; init; }

    /// <summary>"ru" or "en"; null for everyone.</summary>
    public string? Language { get; init; }

    /// <summary>Birthday (when known) within the 7 days starting on the lounge's current day.</summary>
    public bool BirthdayThisWeek { get; init; }

    /// <summary>Has a live or attended booking on the business day of this event.</summary>
    public int? BookedForEventId { get; init; }

    /// <summary>Also phone-only guests who ticked the marketing consent (promo SMS, outside the quiet hours).</summary>
    public bool IncludeSms { get; init; }

    public const int MaxDays = 3650;

    public string ToJson() => JsonSerializer.Serialize(this);

    public static AudienceFilter FromJson(string? json)
    {
        try
        {
            return string.IsNullOrWhiteSpace(json) ? new AudienceFilter() : JsonSerializer.Deserialize<AudienceFilter>(json) ?? new AudienceFilter();
        }
        catch (JsonException)
        {
            return new AudienceFilter();
        }
    }

    /// <summary>Staff's wording of the filter, for lists and the audit trail.</summary>
    public string Describe(Func<int, string?>? itemName = null, Func<int, string?>? sectionName = null, Func<int, string?>? eventName = null)
    {
        var parts = new List<string> { IncludeSms ? "подписчики в Telegram и по SMS" : "подписчики в Telegram" };
        if (VisitedWithinDays is { } v)
        {
            parts.Add($"были за последние {v} дн.");
        }

        if (NotVisitedForDays is { } n)
        {
            parts.Add($"не были {n} дн. и больше");
        }

        if (OrderedItemId is { } item)
        {
            parts.Add($"заказывали «{itemName?.Invoke(item) ?? "#" + item}»");
        }

        if (OrderedSectionId is { } section)
        {
            parts.Add($"заказывали из раздела «{sectionName?.Invoke(section) ?? "#" + section}»");
        }

        if (Language is { } language)
        {
            parts.Add(language == "en" ? "английский язык" : "русский язык");
        }

        if (BirthdayThisWeek)
        {
            parts.Add("день рождения на этой неделе");
        }

        if (BookedForEventId is { } ev)
        {
            parts.Add($"забронировали на «{eventName?.Invoke(ev) ?? "#" + ev}»");
        }

        return string.Join(", ", parts);
    }
}

/// <summary>A recipient as fixed at a broadcast's start.</summary>
public sealed record AudienceMember(int CustomerId, DeliveryChannel Channel);

/// <summary>Turns an <see cref="AudienceFilter"/> into a query; the consent rules live here once.</summary>
public sealed class AudienceQuery(LoungeDbContext db, LoungeProfile lounge)
{
    /// <summary>Guests who may get promos in Telegram: opted in, with a chat that works, not erased.</summary>
    public static IQueryable<Customer> TelegramSubscribers(IQueryable<Customer> customers) =>
        customers.Where(c => c.PromoOptIn && c.TelegramChatId != null && !c.TelegramUnreachable && c.AnonymisedAtUtc == null);

    /// <summary>Guests promos reach by SMS only: not reachable by Telegram promos, a phone and the separate marketing consent.</summary>
    public static IQueryable<Customer> SmsSubscribers(IQueryable<Customer> customers) =>
        customers.Where(c => c.SmsOptIn && c.Phone != null && c.AnonymisedAtUtc == null
                             && !(c.PromoOptIn && c.TelegramChatId != null && !c.TelegramUnreachable));

    public static bool MayGetTelegramPromo(Customer c) => c is { PromoOptIn: true, TelegramChatId: not null, TelegramUnreachable: false, AnonymisedAtUtc: null };

    public static bool MayGetSmsPromo(Customer c) => c is { SmsOptIn: true, Phone: not null, AnonymisedAtUtc: null } && !MayGetTelegramPromo(c);

    public async Task<(int Telegram, int Sms)> CountAsync(AudienceFilter filter, CancellationToken ct = default)
    {
        var narrowed = await NarrowAsync(filter, ct);
        var telegram = await TelegramSubscribers(narrowed).CountAsync(ct);
        var sms = filter.IncludeSms ? await SmsSubscribers(narrowed).CountAsync(ct) : 0;
        return (telegram, sms);
    }

    public async Task<List<AudienceMember>> MembersAsync(AudienceFilter filter, CancellationToken ct = default)
    {
        var narrowed = await NarrowAsync(filter, ct);
        var members = (await TelegramSubscribers(narrowed).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct))
            .Select(id => new AudienceMember(id, DeliveryChannel.Telegram)).ToList();
        if (filter.IncludeSms)
        {
            members.AddRange((await SmsSubscribers(narrowed).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct))
                .Select(id => new AudienceMember(id, DeliveryChannel.Sms)));
        }

        return members;
    }

    private async Task<IQueryable<Customer>> NarrowAsync(AudienceFilter filter, CancellationToken ct)
    {
        IQueryable<Customer> query = db.Customers.AsNoTracking();
        var now = lounge.UtcNow;

        // A visit is a table visit or a booking the guest came to, as on the guest card.
        if (filter.VisitedWithinDays is { } within)
        {
            var since = now.AddDays(-within);
            query = query.Where(c => db.Visits.Any(v => v.CustomerId == c.Id && v.OpenedAtUtc >= since)
                                     || db.Bookings.Any(b => b.CustomerId == c.Id && (b.Status == BookingStatus.Seated || b.Status == BookingStatus.Completed) && b.StartUtc >= since && b.StartUtc <= now));
        }

        if (filter.NotVisitedForDays is { } away)
        {
            var since = now.AddDays(-away);
            query = query.Where(c => !db.Visits.Any(v => v.CustomerId == c.Id && v.OpenedAtUtc >= since)
                                     && !db.Bookings.Any(b => b.CustomerId == c.Id && (b.Status == BookingStatus.Seated || b.Status == BookingStatus.Completed) && b.StartUtc >= since)
                                     && (db.Visits.Any(v => v.CustomerId == c.Id)
                                         || db.Bookings.Any(b => b.CustomerId == c.Id && (b.Status == BookingStatus.Seated || b.Status == BookingStatus.Completed))));
        }

        if (filter.OrderedItemId is { } item)
        {
            query = query.Where(c => db.OrderLines.Any(l => l.MenuItemId == item
                && db.Orders.Any(o => o.Id == l.OrderId && o.CustomerId == c.Id && o.Status != OrderStatus.Declined && o.Status != OrderStatus.Cancelled)));
        }

        if (filter.OrderedSectionId is { } section)
        {
            query = query.Where(c => db.OrderLines.Any(l => db.MenuItems.Any(m => m.Id == l.MenuItemId && m.CategoryId == section)
                && db.Orders.Any(o => o.Id == l.OrderId && o.CustomerId == c.Id && o.Status != OrderStatus.Declined && o.Status != OrderStatus.Cancelled)));
        }

        if (filter.Language is { } language)
        {
            query = query.Where(c => c.Language == language);
        }

        if (filter.BirthdayThisWeek)
        {
            var today = DateOnly.FromDateTime(lounge.LocalNow);
            var days = Enumerable.Range(0, 7).Select(i => today.AddDays(i)).Select(d => d.Month * 100 + d.Day).ToList();
            query = query.Where(c => c.Birthday != null && days.Contains(c.Birthday.Value.Month * 100 + c.Birthday.Value.Day));
        }

        if (filter.BookedForEventId is { } eventId)
        {
            var start = await db.Promotions.AsNoTracking().Where(p => p.Id == eventId).Select(p => p.StartsAtUtc).FirstOrDefaultAsync(ct);
            if (start is null)
            {
                return query.Where(_ => false);
            }

            var (dayStart, dayEnd) = lounge.BusinessDayUtc(lounge.BusinessDayOf(start.Value));
            query = query.Where(c => db.Bookings.Any(b => b.CustomerId == c.Id && b.StartUtc >= dayStart && b.StartUtc < dayEnd
                                                          && b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.NoShow));
        }

        return query;
    }
}
