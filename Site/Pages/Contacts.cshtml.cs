using System.Text.Json;
using HookahLounge.Core.Lounge;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HookahLounge.Site.Pages;

public sealed class ContactsModel(LoungeProfile lounge) : PageModel
{
    /// <summary>schema.org BarOrPub for search engines and maps: address, geo and opening hours.</summary>
    public string StructuredData { get; private set; } = "{}";

    public void OnGet()
    {
        var options = lounge.Options;
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "BarOrPub",
            ["name"] = lounge.Name,
            ["telephone"] = options.Phone,
            ["url"] = options.PublicSiteUrl ?? $"{Request.Scheme}://{Request.Host}/",
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
        StructuredData = JsonSerializer.Serialize(data);
    }
}
