using System.Globalization;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Broadcasts;

/// <summary>
/// Changes a guest's consent to promos and records each change (channel, source, time) in the same save,
/// so the log is proof of when and how consent was given or withdrawn.
/// </summary>
public sealed class PromoConsent(LoungeDbContext db, TimeProvider time)
{
    /// <summary>Sets the Telegram consent; true when it changed (and was logged).</summary>
    public bool SetTelegram(Customer customer, bool granted, ConsentSource source)
    {
        if (customer.PromoOptIn == granted)
        {
            return false;
        }

        customer.PromoOptIn = granted;
        Log(customer, ConsentChannel.Telegram, granted, source);
        return true;
    }

    /// <summary>Sets the SMS (marketing) consent; true when it changed (and was logged).</summary>
    public bool SetSms(Customer customer, bool granted, ConsentSource source)
    {
        if (customer.SmsOptIn == granted)
        {
            return false;
        }

        customer.SmsOptIn = granted;
        Log(customer, ConsentChannel.Sms, granted, source);
        return true;
    }

    /// <summary>The guest ticked the separate marketing box on the site's booking form.</summary>
    public async Task GrantSmsFromSiteAsync(int customerId, CancellationToken ct = default)
    {
        if (await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId && c.AnonymisedAtUtc == null, ct) is { } customer
            && SetSms(customer, true, ConsentSource.SiteBookingForm))
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The one-time question after a first order or booking is due: never asked, not subscribed yet.</summary>
    public static bool ShouldAsk(Customer customer) => customer.NewsAskedAtUtc is null && !customer.PromoOptIn;

    public void MarkAsked(Customer customer) => MarkAsked(customer, time.GetUtcNow().UtcDateTime);

    public static void MarkAsked(Customer customer, DateTime utcNow) => customer.NewsAskedAtUtc ??= utcNow;

    public Task<List<ConsentChange>> HistoryAsync(int customerId, CancellationToken ct = default) =>
        db.ConsentChanges.AsNoTracking().Where(c => c.CustomerId == customerId).OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).Take(100).ToListAsync(ct);

    private void Log(Customer customer, ConsentChannel channel, bool granted, ConsentSource source)
    {
        // Through the navigation, so a guest created in this same save gets the row too.
        db.ConsentChanges.Add(new ConsentChange { Customer = customer, Channel = channel, Granted = granted, Source = source, AtUtc = time.GetUtcNow().UtcDateTime });
    }

    /// <summary>
    /// Reads a birthday typed by a guest: "25.12", "25.12.1990", "25/12". Without a year it is stored in
    /// 2000 (a leap year, so 29.02 is kept); only the day and month are used.
    /// </summary>
    public static bool TryParseBirthday(string? text, DateOnly today, out DateOnly birthday)
    {
        birthday = default;
        var clean = (text ?? "").Trim().Replace('/', '.').Replace('-', '.').Replace(' ', '.');
        string[] withYear = ["d.M.yyyy", "dd.MM.yyyy"];
        if (DateOnly.TryParseExact(clean, withYear, CultureInfo.InvariantCulture, DateTimeStyles.None, out var full))
        {
            if (full > today || full.Year < today.Year - 110)
            {
                return false;
            }

            birthday = full;
            return true;
        }

        if (DateOnly.TryParseExact(clean + ".2000", withYear, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dayMonth))
        {
            birthday = dayMonth;
            return true;
        }

        return false;
    }
}
