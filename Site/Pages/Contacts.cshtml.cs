using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using HookahLounge.Core.Lounge;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HookahLounge.Site.Pages;

public sealed class ContactsModel(LoungeProfile lounge) : PageModel
{
    /// <summary>schema.org BarOrPub for search engines and maps: address, geo and opening hours.</summary>
    public string StructuredData { get; private set; } = "{}";

    // Cyrillic stays readable; '<', '>' and '&' stay escaped so the JSON cannot close the script element.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public void OnGet()
    {
        var options = lounge.Options;
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "BarOrPub",
            ["name"] = lounge.Name,
            ["telephone"] = options.Phone,
            ["url"] = string.IsNullOrWhiteSpace(options.PublicSiteUrl) ? $"{Request.Scheme}://{Request.Host}/" : options.PublicSiteUrl,
            ["hasMap"] = lounge.YandexMapsLink,
            ["address"] = new Dictionary<string, object?>
            {
                ["@type"] = "PostalAddress",
                ["streetAddress"] = options.Address,
                ["addressLocality"] = options.City,
                ["addressCountry"] = "RU",
            },
            ["geo"] = new Dictionary<string, object?>
            {
                ["@type"] = "GeoCoordinates",
                ["latitude"] = options.Latitude,
                ["longitude"] = options.Longitude,
            },

            // schema.org reads a closing time earlier than the opening time as "after midnight".
            ["openingHoursSpecification"] = lounge.Hours.Week()
                .Where(d => d.Hours is not null)
                .Select(d => new Dictionary<string, object?>
                {
                    ["@type"] = "OpeningHoursSpecification",
                    ["dayOfWeek"] = $"https://schema.org/{d.Day}",
                    ["opens"] = d.Hours!.Value.Opens.ToString("HH:mm"),
                    ["closes"] = d.Hours!.Value.Closes.ToString("HH:mm"),
                })
                .ToList(),
        };
        StructuredData = JsonSerializer.Serialize(data, JsonOptions);
    }
}
