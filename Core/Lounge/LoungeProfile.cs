using Microsoft.Extensions.Options;

namespace HookahLounge.Core.Lounge;

/// <summary>
/// The venue as front ends show it, with the clock in the lounge's time zone. Everything that asks
/// "what time is it here" or "are we open" goes through this, never <c>DateTime.Now</c>.
/// </summary>
public sealed class LoungeProfile(IOptions<LoungeOptions> options, TimeProvider time, OpeningHoursCache schedule)
{
    private readonly Lazy<TimeZoneInfo> _zone = new(() => TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone));

    public LoungeOptions Options => options.Value;

    public string Name => options.Value.Name;

    public TimeZoneInfo TimeZone => _zone.Value;

    /// <summary>The current schedule (the database's once loaded; configuration before that).</summary>
    public OpeningHours Hours => schedule.Current;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime LocalNow => ToLocal(UtcNow);

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZone);

    /// <summary>
    /// The instants a business day spans: from its date's cut-off hour to the next day's, so a night that
    /// runs to 04:00 counts towards the evening it started.
    /// </summary>
    public (DateTime StartUtc, DateTime EndUtc) BusinessDayUtc(DateOnly date)
    {
        var start = date.ToDateTime(TimeOnly.FromTimeSpan(options.Value.BusinessDayStartsAt));
        return (ToUtc(start), ToUtc(start.AddDays(1)));
    }

    /// <summary>
    /// The cut-off window that contains now. Between closing (e.g. 04:00) and the cut-off (06:00)
    /// <see cref="BusinessDayUtc"/> of <see cref="BusinessToday"/> starts later today and would miss the night just ended.
    /// </summary>
    public (DateTime StartUtc, DateTime EndUtc) CurrentBusinessDayUtc =>
        BusinessDayUtc(DateOnly.FromDateTime(LocalNow - options.Value.BusinessDayStartsAt));

    public bool IsOpenNow => Hours.IsOpenAt(LocalNow);

    /// <summary>The business day now, so at 01:30 after a Friday night "today" is still Friday.</summary>
    public DateOnly BusinessToday => Hours.BusinessDateAt(LocalNow);

    /// <summary>"tel:+74951234567" for the configured phone, whatever its display form.</summary>
    public string PhoneHref => "tel:" + new string([.. options.Value.Phone.Where(c => char.IsAsciiDigit(c) || c == '+')]);

    /// <summary>"https://t.me/name", or null when no bot username is configured.</summary>
    public string? BotLink(string? start = null) =>
        string.IsNullOrWhiteSpace(options.Value.BotUsername)
            ? null
            : $"https://t.me/{options.Value.BotUsername.TrimStart('@')}" + (start is null ? "" : $"?start={Uri.EscapeDataString(start)}");

    /// <summary>Opens the venue in Yandex Maps; needs no script, so it is the fallback when the map widget cannot load.</summary>
    public string YandexMapsLink => FormattableString.Invariant(
        $"{options.Value.Map.LinkUrl}?pt={Longitude},{Latitude}&z={options.Value.Map.Zoom}&l=map&text={Uri.EscapeDataString(options.Value.Address)}");

    /// <summary>The embeddable map centred on the venue with a marker.</summary>
    public string YandexMapWidgetUrl => FormattableString.Invariant(
        $"{options.Value.Map.WidgetUrl}?ll={Longitude},{Latitude}&z={options.Value.Map.Zoom}&pt={Longitude},{Latitude},pm2rdm");

    private string Longitude => options.Value.Longitude.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    private string Latitude => options.Value.Latitude.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}
