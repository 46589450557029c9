namespace HookahLounge.Core.Customers;

/// <summary>A guest, known by a Telegram account, a phone number, or both.</summary>
public sealed class Customer
{
    public int Id { get; set; }

    public long? TelegramUserId { get; set; }

    /// <summary>The private chat with the bot; notifications go here.</summary>
    public long? TelegramChatId { get; set; }

    public string? TelegramUsername { get; set; }

    public string? Name { get; set; }

    /// <summary>E.164 form, e.g. +79161234567.</summary>
    public string? Phone { get; set; }

    /// <summary>Two-letter UI language ("ru", "en").</summary>
    public string Language { get; set; } = "ru";

    /// <summary>When the guest confirmed being 18 or older; tobacco is not offered before that.</summary>
    public DateTime? AgeConfirmedAtUtc { get; set; }

    public bool PromoOptIn { get; set; }

    /// <summary>Set when Telegram refuses delivery (bot blocked, chat gone).</summary>
    public bool TelegramUnreachable { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
