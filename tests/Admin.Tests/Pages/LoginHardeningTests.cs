using System.Collections.Concurrent;
using System.Net;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Admin.Tests.Pages;

/// <summary>Password guessing in parallel, and probing which logins exist.</summary>
public sealed class LoginHardeningTests
{
    /// <summary>The real hasher, counting the checks made against real (not dummy) hashes.</summary>
    private sealed class CountingHasher(ConcurrentBag<string> checkedHashes) : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> _inner = new();

        public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            if (user.Id != 0)
            {
                checkedHashes.Add(user.Login);
            }

            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task Parallel_guesses_get_no_more_password_checks_than_the_limit()
    {
        var checks = new ConcurrentBag<string>();
        await using var app = new LoungeAppFactory(
            await TestDatabase.CreateAsync(TestDatabase.Preferred),
            services: s => s.AddSingleton<IPasswordHasher<StaffUser>>(new CountingHasher(checks)));
        await StaffBrowser.CreateAccountAsync(app, "barmen", "right-password", StaffRole.Staff);
        var browsers = Enumerable.Range(0, 20).Select(_ => new StaffBrowser(app)).ToList();
        var pages = await Task.WhenAll(browsers.Select(b => b.GetPageAsync("/admin/account/login")));

        var responses = await Task.WhenAll(browsers.Select((b, i) => b.PostFormAsync("/admin/account/login", pages[i], new()
        {
            ["Input.Login"] = "barmen",
            ["Input.Password"] = $"guess-{i}",
        })));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        checks.Count(l => l == "barmen").Should().BeLessThanOrEqualTo(5, "Admin:MaxFailedLogins is 5");
        var after = await new StaffBrowser(app).LoginAsync("barmen", "right-password");
        after.StatusCode.Should().Be(HttpStatusCode.OK, "the account is locked now, even for the right password");
        await app.Database.DisposeAsync();
    }

    [Fact]
    public async Task Unknown_and_locked_logins_get_the_same_answer()
    {
        await using var app = new LoungeAppFactory(await TestDatabase.CreateAsync(TestDatabase.Preferred));
        await StaffBrowser.CreateAccountAsync(app, "hostess", "right-password", StaffRole.Staff);
        var browser = new StaffBrowser(app);
        for (var i = 0; i < 5; i++)
        {
            await browser.LoginAsync("hostess", $"wrong-{i}");
        }

        var locked = await (await browser.LoginAsync("hostess", "right-password")).ReadHtmlAsync();
        var unknown = await (await browser.LoginAsync("nobody-here", "right-password")).ReadHtmlAsync();
        var wrong = await (await browser.LoginAsync("nobody-here", "other-password")).ReadHtmlAsync();

        var answer = locked.QuerySelector(".errors")!.TextContent.Trim();
        answer.Should().Contain("Неверный логин или пароль");
        unknown.QuerySelector(".errors")!.TextContent.Trim().Should().Be(answer);
        wrong.QuerySelector(".errors")!.TextContent.Trim().Should().Be(answer);
        await app.Database.DisposeAsync();
    }
}
