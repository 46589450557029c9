using HookahLounge.Core.Lounge;
using Microsoft.Extensions.Options;

namespace HookahLounge.Site.Extensions;

/// <summary>
/// Response headers that tell browsers what the pages may do. The public pages run no script and load styles
/// and images from this site only; the one outside resource is the Yandex map frame on /contacts. The back
/// office may run the app's own script files (the live order board, dragging bookings), never inline script.
/// </summary>
public sealed class SecurityHeaders(IOptions<LoungeOptions> lounge)
{
    private readonly Lazy<string> _policy = new(() => Policy(lounge.Value, "'none'"));

    private readonly Lazy<string> _adminPolicy = new(() => Policy(lounge.Value, "'self'"));

    private static string Policy(LoungeOptions lounge, string scripts) => string.Join("; ",
        "default-src 'self'",
        $"script-src {scripts}",
        "style-src 'self'",
        // The validation summary's empty <li style="display:none">, and nothing else inline.
        $"style-src-attr 'unsafe-hashes' '{HiddenItemHash}'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        $"frame-src {Origin(lounge.Map.WidgetUrl)}",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'");

    /// <summary>The hash of the one inline style the pages contain, <c>display:none</c>.</summary>
    public const string HiddenItemHash = "sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE=";

    public string ContentSecurityPolicy => _policy.Value;

    public string AdminContentSecurityPolicy => _adminPolicy.Value;

    public void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = response.HttpContext.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
            ? AdminContentSecurityPolicy
            : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
    }

    private static string Origin(string url) => new Uri(url).GetLeftPart(UriPartial.Authority);
}
