using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Customers;

/// <summary>The Telegram account as the bot sees it on one update.</summary>
public sealed record TelegramIdentity(long UserId, long ChatId, string? FirstName, string? LastName, string? Username, string? LanguageCode);

/// <summary>Finds and updates guests; the one place that decides who a guest is.</summary>
public sealed class CustomerDirectory(LoungeDbContext db, TimeProvider time)
{
    public static readonly string[] SupportedLanguages = ["ru", "en"];

    /// <summary>Russian unless the guest's Telegram speaks a language we have texts for.</summary>
    public static string LanguageFor(string? telegramLanguageCode)
    {
        var two = telegramLanguageCode is { Length: >= 2 } code ? code[..2].ToLowerInvariant() : "ru";
        return SupportedLanguages.Contains(two) ? two : "ru";
    }

    /// <summary>Finds the guest behind a Telegram user or registers a new one; changes are saved by the caller.</summary>
    public async Task<Customer> FindOrAddTelegramAsync(TelegramIdentity who, CancellationToken ct = default) =>
        AddOrRefreshTelegram(
            db.Customers.Local.FirstOrDefault(c => c.TelegramUserId == who.UserId) ?? await db.Customers.SingleOrDefaultAsync(c => c.TelegramUserId == who.UserId, ct),
            who);

    /// <summary>
    /// The guest already read for this Telegram user, with what Telegram says of them now; a new guest when
    /// <paramref name="found"/> is null because the read found nobody. Changes are saved by the caller.
    /// </summary>
    public Customer AddOrRefreshTelegram(Customer? found, TelegramIdentity who)
    {
        var customer = found;
        if (customer is null)
        {
            customer = new Customer
            {
                TelegramUserId = who.UserId,
                Language = LanguageFor(who.LanguageCode),
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            };
            db.Customers.Add(customer);
        }

        customer.TelegramChatId = who.ChatId;
        customer.TelegramUsername = who.Username;
        customer.TelegramUnreachable = false;
        var name = string.Join(' ', new[] { who.FirstName, who.LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (name.Length > 0)
        {
            customer.Name = name.Length > 200 ? name[..200] : name;
        }

        return customer;
    }

    /// <summary>The guest blocked the bot or the chat is gone: notifications stop trying Telegram until they write again.</summary>
    public Task MarkTelegramUnreachableAsync(long chatId, CancellationToken ct = default) =>
        db.Customers.Where(c => c.TelegramChatId == chatId).ExecuteUpdateAsync(s => s.SetProperty(c => c.TelegramUnreachable, true), ct);

    /// <summary>
    /// The guest behind a phone number (already E.164), or a new phone-only guest added to the unit of work.
    /// A Telegram record with that phone wins over a phone-only one, so the guest hears from us in Telegram.
    /// </summary>
    public async Task<Customer> FindOrAddByPhoneAsync(string phone, string? name, CancellationToken ct = default)
    {
        var customer = await FindByPhoneAsync(phone, ct);
        if (customer is null)
        {
            customer = new Customer
            {
                Phone = phone,
                Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            };
            db.Customers.Add(customer);
        }

        return customer;
    }

    public Task<Customer?> FindByPhoneAsync(string phone, CancellationToken ct = default) =>
        db.Customers.Where(c => c.Phone == phone && c.AnonymisedAtUtc == null)
            .OrderByDescending(c => c.TelegramUserId != null).ThenBy(c => c.Id)
            .FirstOrDefaultAsync(ct);

    public void ConfirmAge(Customer customer) =>
        customer.AgeConfirmedAtUtc ??= time.GetUtcNow().UtcDateTime;

    public static bool TrySetLanguage(Customer customer, string language)
    {
        if (!SupportedLanguages.Contains(language))
        {
            return false;
        }

        customer.Language = language;
        return true;
    }

    public static void SetPromoOptIn(Customer customer, bool optIn) => customer.PromoOptIn = optIn;

    public Task<int> CountAsync(CancellationToken ct = default) => db.Customers.CountAsync(ct);

    public Task<List<Customer>> RecentAsync(int take, CancellationToken ct = default) =>
        db.Customers.AsNoTracking().OrderByDescending(c => c.CreatedAtUtc).Take(take).ToListAsync(ct);
}
