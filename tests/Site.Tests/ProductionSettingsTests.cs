using System.Net;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HookahLounge.Site.Tests;

/// <summary>The host as it runs in Production: TLS is enforced by HSTS and no cookie is sent without Secure.</summary>
public sealed class ProductionSettingsTests
{
    [Fact]
    public async Task In_production_hsts_is_sent_and_antiforgery_and_auth_cookies_are_secure()
    {
        await using var app = new LoungeAppFactory(await TestDatabase.CreateAsync("Sqlite"), settings: new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Notifications:DispatcherEnabled"] = "false",
        });
        await StaffBrowser.CreateAccountAsync(app, "prod-owner", "owner-password", StaffRole.Owner);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://oblaka.example"), AllowAutoRedirect = false, HandleCookies = false });

        var login = await client.GetAsync("/admin/account/login");
        login.Headers.GetValues("Strict-Transport-Security").Single().Should().Contain("max-age=31536000");
        var antiforgery = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        antiforgery.Should().Contain("secure");

        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = (await login.ReadHtmlAsync()).AntiforgeryToken(),
                ["Input.Login"] = "prod-owner",
                ["Input.Password"] = "owner-password",
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await client.SendAsync(post);

        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".HookahLounge.Admin=", StringComparison.Ordinal)).Should().Contain("secure");
        await app.Database.DisposeAsync();
    }
}
