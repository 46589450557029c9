using Microsoft.Extensions.Options;

namespace HookahLounge.Core.Lounge;

/// <summary>
/// The venue as front ends show it, with the clock in the lounge's time zone. Everything that asks
/// "what time is it here" or "are we open" goes through this, never <c>DateTime.Now</c>.
/// </summary>
public sealed class LoungeProfile(IOptions<LoungeOptions> options, TimeProvider time)
{
    private readonly Lazy<OpeningHours> _hours = new(() => OpeningHours.FromOptions(options.Value));
    private readonly Lazy<TimeZoneInfo> _zone = new(() => TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone));

    public LoungeOptions Options => options.Value;

    public string Name => options.Value.Name;

    public TimeZoneInfo TimeZone => _zone.Value;

    public OpeningHours Hours => _hours.Value;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime LocalNow => ToLocal(UtcNow);

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZone);

    public bool IsOpenNow => Hours.IsOpenAt(LocalNow);

    /// <summary>The business day now, so at 01:30 after a Friday night "today" is still Friday.</summary>
    public DateOnly BusinessToday => Hours.BusinessDateAt(LocalNow);

    /// <summary>"https://t.me/name", or null when no bot username is configured.</summary>
    public string? BotLink(string? start = null) =>
        string.IsNullOrWhiteSpace(options.Value.BotUsername)
            ? null
            : $"https://t.me/{options.Value.BotUsername.TrimStart('@')}" + (start is null ? "" : $"?start={Uri.EscapeDataString(start)}");

    /// <summary>Opens the venue in Yandex Maps; needs no script, so it is the fallback when the map widget cannot load.</summary>
    public string YandexMapsLink =>
        FormattableString.Invariant(
            $"https://yandex.ru/maps/?pt={options.Value.Longitude},{options.Value.Latitude}&z=17&l=map&text={Uri.EscapeDataString(options.Value.Address)}");
}
