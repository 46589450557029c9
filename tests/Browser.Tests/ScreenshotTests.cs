using HookahLounge.Core.Content;
using HookahLounge.Core.Menu;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HookahLounge.Browser.Tests;

/// <summary>
/// The README's pictures, taken from the running product with the demo lounge. They go next to the test
/// assembly, or where <c>HOOKAH_SCREENSHOTS</c> points:
/// <c>HOOKAH_SCREENSHOTS=$PWD/docs/screenshots dotnet test tests/Browser.Tests --filter Screenshots</c>.
/// </summary>
[Collection(LoungeBrowserCollection.Name)]
public sealed class ScreenshotTests(LoungeBrowserFixture lounge)
{
    private static string Folder => Environment.GetEnvironmentVariable("HOOKAH_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    [BrowserFact]
    public async Task Screenshots_of_the_site_on_a_desktop_and_a_phone_and_of_the_back_office()
    {
        Directory.CreateDirectory(Folder);
        await UploadDemoPhotosAsync();

        await using (var desktop = await lounge.NewContextAsync((1280, 1000)))
        {
            var page = await lounge.NewPageAsync(desktop);
            await page.GotoAsync("/");
            await page.Locator(".hero-image").WaitForAsync();
            (await page.Locator(".hero-image").EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0")).Should().BeTrue("the owner's hero photo is shown");
            await SaveAsync(page, "home.png");
        }

        await using var phone = await lounge.NewContextAsync((400, 860));
        var mobile = await lounge.NewPageAsync(phone);
        await mobile.GotoAsync("/menu");
        await mobile.Locator(".menu-photo").First.ScrollIntoViewIfNeededAsync();
        await mobile.EvaluateAsync("() => window.scrollTo(0, 0)");
        await SaveAsync(mobile, "menu-mobile.png");

        await mobile.GotoAsync($"/booking?date={TestDates.NextWednesdayText()}&party=2#times");
        await SaveAsync(mobile, "booking-mobile.png");

        await lounge.SignInAsOwnerAsync(mobile);
        await mobile.GotoAsync("/admin");
        await SaveAsync(mobile, "admin-mobile.png");

        foreach (var name in new[] { "home.png", "menu-mobile.png", "booking-mobile.png", "admin-mobile.png" })
        {
            new FileInfo(Path.Combine(Folder, name)).Length.Should().BeGreaterThan(10_000);
        }
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        // Lazy photos below the fold are loaded before the picture is taken.
        await page.EvaluateAsync("() => Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode().catch(() => {}); }))");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name) });
    }

    /// <summary>Photos drawn in the browser itself (no image files in the repository): a hero and a few menu and promo pictures.</summary>
    private async Task UploadDemoPhotosAsync()
    {
        await using var context = await lounge.NewContextAsync((1600, 900));
        var canvas = await context.NewPageAsync();

        async Task<byte[]> DrawAsync(int width, int height, string hue, string shape)
        {
            await canvas.SetViewportSizeAsync(width, height);
            await canvas.SetContentAsync($$"""
                <body style="margin:0;width:{{width}}px;height:{{height}}px;overflow:hidden;background:
                  radial-gradient(60% 70% at 70% 30%, hsl({{hue}} 70% 45% / .55), transparent 70%),
                  radial-gradient(50% 60% at 15% 90%, hsl(35 80% 55% / .45), transparent 70%),
                  linear-gradient(160deg, #241a2c, #0f0c12)">
                  <svg viewBox="0 0 160 90" width="{{width}}" height="{{height}}" style="position:absolute;inset:0">
                    <g fill="none" stroke="hsl({{hue}} 60% 85% / .35)" stroke-width=".8" stroke-linecap="round">
                      <path d="M20 80 C 40 50, 10 40, 40 20 S 70 0, 60 -10"/><path d="M120 85 C 140 60, 100 50, 130 25 S 150 5, 140 -5"/>
                      <path d="M70 90 C 90 70, 60 55, 85 35 S 110 15, 100 0"/>
                    </g>
                    {{shape}}
                  </svg>
                </body>
                """);
            return await canvas.ScreenshotAsync(new() { Type = ScreenshotType.Jpeg, Quality = 82 });
        }

        const string hookah = """<g fill="hsl(35 80% 62%)" opacity=".9"><ellipse cx="80" cy="76" rx="12" ry="7"/><rect x="78" y="30" width="4" height="42"/><path d="M70 30 h20 l-4 -8 h-12 z"/><circle cx="80" cy="18" r="5"/></g>""";
        const string cup = """<g fill="hsl(35 70% 70%)" opacity=".9"><path d="M60 45 h36 v10 a18 18 0 0 1 -36 0 z"/><path d="M96 48 a7 7 0 0 1 0 12" fill="none" stroke="hsl(35 70% 70%)" stroke-width="3"/><ellipse cx="78" cy="75" rx="26" ry="3"/></g>""";
        const string stars = """<g fill="hsl(290 70% 80%)"><circle cx="40" cy="30" r="2"/><circle cx="120" cy="22" r="2.5"/><circle cx="95" cy="60" r="1.6"/><circle cx="60" cy="65" r="2.2"/></g>""";

        var hero = await DrawAsync(1600, 900, "285", hookah);
        await using var scope = lounge.App.Services.CreateAsyncScope();
        var photos = scope.ServiceProvider.GetRequiredService<SitePhotos>();
        (await photos.SetHeroAsync(hero)).Should().Be(PhotoError.None);

        var db = scope.ServiceProvider.GetRequiredService<Core.Data.LoungeDbContext>();
        var editor = scope.ServiceProvider.GetRequiredService<MenuEditor>();
        var items = await db.MenuItems.AsNoTracking().OrderBy(i => i.CategoryId).ThenBy(i => i.SortOrder).ThenBy(i => i.Id).Take(4).ToListAsync();
        foreach (var (item, index) in items.Select((item, index) => (item, index)))
        {
            (await editor.SetPhotoAsync(item.Id, await DrawAsync(640, 400, (260 + 25 * index).ToString(System.Globalization.CultureInfo.InvariantCulture), index < 2 ? hookah : cup))).Should().Be(MenuEditError.None);
        }

        foreach (var promotion in await db.Promotions.AsNoTracking().Take(3).ToListAsync())
        {
            (await photos.SetPromotionPhotoAsync(promotion.Id, await DrawAsync(640, 400, "300", stars))).Should().Be(PhotoError.None);
        }
    }
}
