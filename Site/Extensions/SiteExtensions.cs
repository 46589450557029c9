using System.Globalization;
using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.Extensions.WebEncoders;
using HookahLounge.Bot.Intake;
using HookahLounge.Bot.Preview;
using HookahLounge.Core.Content;
using HookahLounge.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HookahLounge.Site.Extensions;

public static class SiteExtensions
{
    public const string MenuCacheTag = "menu";

    /// <summary>The home and promos pages: dropped when promotions change, and kept briefly since "open now" and "what's on" move with the clock.</summary>
    public const string PromotionsCacheTag = "promotions";
    public const string FormsRateLimit = "forms";

    public static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("ru"), CultureInfo.GetCultureInfo("en")];

    /// <summary>The public site and the host's shared plumbing: pages, localization, caching, health, keys.</summary>
    public static IHostApplicationBuilder AddSite(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLocalization();
        services.AddRazorPages()
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(Texts.SiteTexts)));

        // Cyrillic stays readable in the HTML instead of becoming numeric entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("ru");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;

            // Russian unless the guest picked English: the lounge's guests speak Russian, whatever their browser says.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        services.AddOutputCache(o =>
        {
            o.AddBasePolicy(p => p.NoCache());
            o.AddPolicy(MenuCacheTag, p => p.Expire(TimeSpan.FromMinutes(10)).SetVaryByQuery("culture").VaryByValue(http =>
                new("culture", CultureInfo.CurrentUICulture.Name))
                .VaryByValue(async (http, ct) => new("content", (await http.RequestServices.GetRequiredService<PublicContentVersion>().CurrentAsync(ct))
                    .ToString(CultureInfo.InvariantCulture)))
                .Tag(MenuCacheTag));
            o.AddPolicy(PromotionsCacheTag, p => p.Expire(TimeSpan.FromSeconds(30)).SetVaryByQuery("culture").VaryByValue(http =>
                new("culture", CultureInfo.CurrentUICulture.Name))
                .VaryByValue(async (http, ct) => new("content", (await http.RequestServices.GetRequiredService<PublicContentVersion>().CurrentAsync(ct))
                    .ToString(CultureInfo.InvariantCulture)))
                .Tag(PromotionsCacheTag));
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Form posts only: reading the pages is never limited.
            o.AddPolicy(FormsRateLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Site:FormPostsPerMinute", 20), Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("read"));
        });

        services.AddHealthChecks().AddDbContextCheck<LoungeDbContext>("database");

        // Keys in the database: cookies and antiforgery tokens survive restarts and work across hosts.
        services.AddDataProtection().SetApplicationName("HookahLounge").PersistKeysToDbContext<LoungeDbContext>();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>(ConfigureForwardedHeaders);

        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.AddSingleton<SecurityHeaders>();

        // In production the site is served over TLS (directly, or behind a proxy listed in ForwardedHeaders), so these
        // cookies never travel in clear; antiforgery then refuses plain-HTTP requests outright.
        var cookiePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = cookiePolicy);
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = cookiePolicy);
        return builder;
    }

    public static WebApplication UseSite(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/NotFound", "?code={0}");
        var securityHeaders = app.Services.GetRequiredService<SecurityHeaders>();
        app.Use(async (http, next) =>
        {
            securityHeaders.Apply(http.Response);
            await next();
        });

        app.UseRequestLocalization();
        app.Use(async (http, next) =>
        {
            // "?culture=en" from the language link is remembered for the next visits.
            if (http.Request.Query.TryGetValue("culture", out var asked) && Cultures.Any(c => c.Name == asked.ToString()))
            {
                http.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(asked.ToString())),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
            }

            await next();
        });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();

        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        app.MapGet("/menu/photo/{itemId:int}", async (int itemId, HookahLounge.Core.Menu.MenuEditor menu, HttpContext http, CancellationToken ct) =>
        {
            var photo = await menu.PhotoAsync(itemId, ct);
            if (photo is null)
            {
                return Results.NotFound();
            }

            // The URL carries the photo's version, so it can be cached for good.
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.File(photo.Bytes, photo.ContentType, lastModified: photo.UpdatedAtUtc);
        });
        app.MapGet("/promos/photo/{promotionId:int}", async (int promotionId, HookahLounge.Core.Content.SitePhotos photos, HttpContext http, CancellationToken ct) =>
            Photo(http, await photos.PromotionPhotoAsync(promotionId, ct) is { } photo ? (photo.Bytes, photo.ContentType, photo.UpdatedAtUtc) : null));
        app.MapGet("/photo/hero", async (HookahLounge.Core.Content.SitePhotos photos, HttpContext http, CancellationToken ct) =>
            Photo(http, await photos.HeroAsync(ct) is { } photo ? (photo.Bytes, photo.ContentType, photo.UpdatedAtUtc) : null));
        app.MapBotWebhook();
        app.MapBotPreview(HookahLounge.Admin.AdminPolicies.AnyStaff);
        return app;
    }

    /// <summary>
    /// X-Forwarded-For/-Proto are believed only from the proxies in <c>ForwardedHeaders:KnownProxies</c>
    /// (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR); with none listed nobody is believed, since
    /// empty lists would make ASP.NET Core trust every sender and let a client pick its own IP for the limits.
    /// </summary>
    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions o, IConfiguration configuration)
    {
        o.KnownIPNetworks.Clear();
        o.KnownProxies.Clear();
        foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
        {
            o.KnownProxies.Add(System.Net.IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new FormatException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
        }

        foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
        {
            o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new FormatException($"ForwardedHeaders:KnownNetworks: '{network}' is not a network like 10.0.0.0/8."));
        }

        o.ForwardedHeaders = o.KnownProxies.Count + o.KnownIPNetworks.Count > 0
            ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
            : ForwardedHeaders.None;
    }

    /// <summary>A stored photo; its URL carries the version, so it can be cached for good.</summary>
    private static IResult Photo(HttpContext http, (byte[] Bytes, string ContentType, DateTime UpdatedAtUtc)? photo)
    {
        if (photo is not var (bytes, contentType, updated))
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.File(bytes, contentType, lastModified: updated);
    }

    private static Task WriteHealthAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), error = e.Value.Exception?.Message }),
        }));
    }
}
