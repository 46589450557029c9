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

    /// <summary>Consent to promotional SMS; <see cref="PromoOptIn"/> is the Telegram channel's.</summary>
    public bool SmsOptIn { get; set; }

    public DateOnly? Birthday { get; set; }

    /// <summary>When the bot asked once (after the first order or booking) whether the guest wants news; never asked again.</summary>
    public DateTime? NewsAskedAtUtc { get; set; }

    /// <summary>Staff's free-text notes ("allergic to mint", "likes the corner sofa").</summary>
    public string? Notes { get; set; }

    /// <summary>Tags in the form "|vip|regular|allergic to mint|", so one tag is found with a plain LIKE on both providers.</summary>
    public string? Tags { get; set; }

    /// <summary>Set when staff stop the guest from booking online; the guest is asked to call.</summary>
    public DateTime? BookingBlockedAtUtc { get; set; }

    public string? BookingBlockedReason { get; set; }

    /// <summary>Personal data erased on the guest's request; the orders and bookings stay for the figures.</summary>
    public DateTime? AnonymisedAtUtc { get; set; }

    public bool IsBlocked => BookingBlockedAtUtc is not null;

    public IReadOnlyList<string> TagList => CustomerTags.Parse(Tags);

    /// <summary>Tags and notes as lines for the staff chat (Telegram HTML), so staff see them where they work; empty when there are none.</summary>
    public string StaffRemarks()
    {
        var lines = new List<string>();
        if (TagList.Count > 0)
        {
            lines.Add($"🏷 {System.Net.WebUtility.HtmlEncode(string.Join(", ", TagList))}");
        }

        if (!string.IsNullOrWhiteSpace(Notes))
        {
            lines.Add($"📝 {System.Net.WebUtility.HtmlEncode(Notes.Trim())}");
        }

        return lines.Count == 0 ? "" : "\n" + string.Join("\n", lines);
    }
}

/// <summary>Tags as staff type them, stored delimited.</summary>
public static class CustomerTags
{
    public const int MaxLength = 500;

    public static IReadOnlyList<string> Parse(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>"VIP, постоянный; аллергия на мяту" → "|vip|постоянный|аллергия на мяту|", or null when empty.</summary>
    public static string? Format(IEnumerable<string> tags)
    {
        var clean = tags.Select(Normalize).Where(t => t.Length > 0).Distinct().ToList();
        if (clean.Count == 0)
        {
            return null;
        }

        var text = "|" + string.Join('|', clean) + "|";
        return text.Length > MaxLength ? text[..MaxLength].TrimEnd('|') + "|" : text;
    }

    public static string? FromText(string? text) => Format((text ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The form a tag is stored and searched in.</summary>
    public static string Normalize(string tag) => tag.Replace("|", " ", StringComparison.Ordinal).Trim().ToLowerInvariant();
}
