using System.ComponentModel.DataAnnotations;

namespace HookahLounge.Core.Lounge;

/// <summary>The venue's profile: name, where it is, when it is open. Section "Lounge".</summary>
public sealed class LoungeOptions
{
    public const string Section = "Lounge";

    [Required]
    public string Name { get; set; } = "";

    /// <summary>IANA time zone id; every instant is stored in UTC and shown in this zone.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Moscow";

    /// <summary>Street address as guests read it, e.g. "ул. Покровка, 17, стр. 1".</summary>
    [Required]
    public string Address { get; set; } = "";

    public string? City { get; set; }

    /// <summary>Shown to guests as is, e.g. "+7 (495) 123-45-67".</summary>
    [Required]
    public string Phone { get; set; } = "";

    [Range(-90, 90)]
    public double Latitude { get; set; }

    [Range(-180, 180)]
    public double Longitude { get; set; }

    /// <summary>The bot's @username without the @, used for t.me links; empty hides the links.</summary>
    public string? BotUsername { get; set; }

    /// <summary>The public address of the website, for links from the bot; empty hides them.</summary>
    public string? PublicSiteUrl { get; set; }

    /// <summary>Local time when one business day ends and the next begins; after the latest closing time.</summary>
    public TimeSpan BusinessDayStartsAt { get; set; } = TimeSpan.FromHours(6);

    public MapOptions Map { get; set; } = new();

    /// <summary>Per weekday "HH:mm-HH:mm" (a closing time before the opening time means after midnight) or "closed".</summary>
    public Dictionary<DayOfWeek, string> OpeningHours { get; set; } = [];
}

/// <summary>Where the Yandex map comes from; configurable so tests and closed networks can stand in their own.</summary>
public sealed class MapOptions
{
    /// <summary>The embeddable map widget (no API key needed).</summary>
    [Required, Url]
    public string WidgetUrl { get; set; } = "https://yandex.ru/map-widget/v1/";

    /// <summary>The full Yandex Maps site, for the plain "open in Yandex Maps" link.</summary>
    [Required, Url]
    public string LinkUrl { get; set; } = "https://yandex.ru/maps/";

    [Range(1, 21)]
    public int Zoom { get; set; } = 16;
}
