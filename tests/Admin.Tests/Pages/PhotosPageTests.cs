using System.Net;
using System.Net.Http.Headers;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Admin.Tests.Pages;

/// <summary>Admin → Фото сайта: the owner gives the home page its hero photo and the promos theirs; guests see them at once.</summary>
public sealed class PhotosPageTests : IAsyncLifetime
{
    private LoungeAppFactory _app = null!;
    private StaffBrowser _owner = null!;

    public async Task InitializeAsync()
    {
        _app = new LoungeAppFactory(await TestDatabase.CreateAsync(TestDatabase.Preferred), settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        await StaffBrowser.CreateAccountAsync(_app, "owner", "owner-password", StaffRole.Owner);
        _owner = new StaffBrowser(_app);
        (await _owner.LoginAsync("owner", "owner-password")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _app.Database.DisposeAsync();
    }

    private async Task<string> UploadAsync(string handler, byte[] bytes, int? id = null)
    {
        var page = await _owner.GetPageAsync("/admin/photos");
        var form = new MultipartFormDataContent { { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" } };
        if (id is { } promotion)
        {
            form.Add(new StringContent(promotion.ToString(System.Globalization.CultureInfo.InvariantCulture)), "id");
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "photo", "photo.png");
        (await _owner.Client.PostAsync($"/admin/photos?handler={handler}", form)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (await _owner.GetPageAsync("/admin/photos")).QuerySelector(".flash")!.TextContent;
    }

    private static byte[] Png(byte fill) => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Repeat(fill, 300)];

    [Fact]
    public async Task The_owner_uploads_and_replaces_the_hero_photo_and_guests_see_each_at_a_new_address()
    {
        var guest = _app.CreateClient();
        var before = await (await guest.GetAsync("/")).ReadHtmlAsync();
        before.QuerySelector(".hero-image").Should().BeNull();
        before.QuerySelector("section.hero")!.ClassList.Should().Contain("hero-plain", "without a photo the home page has its drawn fallback");

        (await UploadAsync("Hero", "<svg onload=alert(1)>"u8.ToArray())).Should().Contain("JPEG, PNG или WebP");
        var sources = new List<string>();
        foreach (var fill in new byte[] { 1, 2 })
        {
            (await UploadAsync("Hero", Png(fill))).Should().Contain("Фото на главной обновлено");

            var home = await (await guest.GetAsync("/")).ReadHtmlAsync();
            var hero = home.QuerySelector("img.hero-image")!;
            hero.GetAttribute("width").Should().Be("1600");
            hero.GetAttribute("height").Should().Be("900");
            hero.GetAttribute("alt").Should().NotBeNullOrWhiteSpace();
            var src = hero.GetAttribute("src")!;
            src.Should().MatchRegex(@"^/photo/hero\?v=\d+$");
            var photo = await guest.GetAsync(src);
            photo.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
            photo.Headers.CacheControl!.MaxAge.Should().BeGreaterThan(TimeSpan.FromDays(300));
            (await photo.Content.ReadAsByteArrayAsync()).Should().Equal(Png(fill));
            sources.Add(src);
        }

        sources.Distinct().Should().HaveCount(2, "a new photo gets a new address, so no browser keeps the old one");
        var page = await _owner.GetPageAsync("/admin/photos");
        await _owner.PostFormAsync("/admin/photos?handler=RemoveHero", page, []);
        (await (await guest.GetAsync("/")).ReadHtmlAsync()).QuerySelector(".hero-image").Should().BeNull();
        (await guest.GetAsync("/photo/hero")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_promo_photo_shows_on_the_promos_page_sized_and_lazy_and_goes_when_removed()
    {
        int id;
        await using (var db = _app.Database.CreateContext())
        {
            id = await db.Promotions.Where(p => p.Title == "Счастливые часы").Select(p => p.Id).SingleAsync();
        }

        (await UploadAsync("Promotion", Png(7), id)).Should().Contain("Фото акции обновлено");
        (await UploadAsync("Promotion", Png(7), 999_999)).Should().Contain("Не найдено");

        var guest = _app.CreateClient();
        var promos = await (await guest.GetAsync("/promos")).ReadHtmlAsync();
        var card = promos.QuerySelectorAll("article.promo").Single(a => a.QuerySelector("h3")!.TextContent == "Счастливые часы");
        var img = card.QuerySelector("img.promo-photo")!;
        img.GetAttribute("loading").Should().Be("lazy");
        (img.GetAttribute("width"), img.GetAttribute("height")).Should().Be(("640", "400"));
        img.GetAttribute("src").Should().StartWith($"/promos/photo/{id}?v=");
        (await (await guest.GetAsync(img.GetAttribute("src"))).Content.ReadAsByteArrayAsync()).Should().Equal(Png(7));
        (await (await guest.GetAsync("/")).ReadHtmlAsync()).QuerySelectorAll("img.promo-photo").Should().HaveCount(1, "the home page shows the same card");

        var page = await _owner.GetPageAsync("/admin/photos");
        await _owner.PostFormAsync($"/admin/photos?handler=RemovePromotion&id={id}", page, []);
        (await (await guest.GetAsync("/promos")).ReadHtmlAsync()).QuerySelectorAll("img.promo-photo").Should().BeEmpty();
        await using var check = _app.Database.CreateContext();
        (await check.PromotionPhotos.AnyAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task The_admin_header_names_the_role_in_Russian()
    {
        var page = await _owner.GetPageAsync("/admin");

        page.QuerySelector(".who")!.TextContent.Should().Be("owner · Владелец");
        page.QuerySelector("link[rel=icon]")!.GetAttribute("href").Should().Contain("favicon").And.EndWith(".svg");
    }
}
