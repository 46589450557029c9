using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HookahLounge.Browser.Tests;

/// <summary>
/// Every page of the site and of the back office (found from the app's page routes, see
/// <see cref="LoungeBrowserFixture.PageUrls"/>), opened in Chromium on a 390 px phone and a desktop: none may
/// scroll sideways on the phone, and axe-core may find nothing serious or critical on either.
/// </summary>
[Collection(LoungeBrowserCollection.Name)]
public sealed class PageSweepTests(LoungeBrowserFixture lounge)
{
    /// <summary>
    /// Findings already known and being fixed elsewhere, each with the reason. An entry whose finding is gone
    /// fails the sweep too, so the list only ever shrinks.
    /// </summary>
    private static readonly Dictionary<(string Url, string Rule), string> KnownFindings = new()
    {
    };

    [BrowserFact]
    public async Task Every_public_page_fits_a_phone_and_passes_axe_on_a_phone_and_a_desktop()
    {
        var urls = lounge.PageUrls(admin: false).ToList();
        urls.Should().Contain(["/", "/menu", "/booking", "/promos", "/contacts"]).And.Contain(u => u.StartsWith("/booking/", StringComparison.Ordinal));

        // States a bare address does not reach: the free times of a night.
        urls.Add($"/booking?date={Testing.TestDates.NextWednesdayText()}&party=2");

        var failures = await SweepAsync(urls, signIn: false);

        failures.Should().BeEmpty(string.Join(Environment.NewLine, failures.Prepend("")));
    }

    [BrowserFact]
    public async Task Every_admin_page_fits_a_phone_and_passes_axe_on_a_phone_and_a_desktop()
    {
        var urls = lounge.PageUrls(admin: true);
        urls.Should().Contain(["/admin", "/admin/orders", "/admin/bookings", "/admin/menu", "/admin/photos", "/admin/staff", "/admin/bot"]).And.Contain(u => u.StartsWith("/admin/customers/card/", StringComparison.Ordinal));
        urls.Should().HaveCountGreaterThan(18);

        var failures = await SweepAsync(urls, signIn: true);

        failures.Should().BeEmpty(string.Join(Environment.NewLine, failures.Prepend("")));
    }

    private async Task<List<string>> SweepAsync(IReadOnlyList<string> urls, bool signIn)
    {
        var failures = new List<string>();
        var seenKnown = new HashSet<(string, string)>();
        foreach (var size in new[] { LoungeBrowserFixture.Phone, LoungeBrowserFixture.Desktop })
        {
            await using var context = await lounge.NewContextAsync(size);
            var page = await lounge.NewPageAsync(context);
            if (signIn)
            {
                await lounge.SignInAsOwnerAsync(page);
            }

            var viewport = $"{size.Width}×{size.Height}";
            foreach (var url in urls)
            {
                var response = await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
                if (response is null || response.Status >= 500)
                {
                    failures.Add($"{url} [{viewport}]: answered {response?.Status}");
                    continue;
                }

                if (signIn && page.Url.Contains("/account/login", StringComparison.OrdinalIgnoreCase) && !url.Contains("/Account/", StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{url} [{viewport}]: sent to the login page");
                    continue;
                }

                if (size == LoungeBrowserFixture.Phone)
                {
                    var width = await page.EvaluateAsync<PageWidth>(PageWidth.Script);
                    if (width.Scroll > width.Viewport)
                    {
                        failures.Add($"{url} [{viewport}]: {width.Scroll} px wide, scrolls sideways; widest: {string.Join(", ", width.Widest)}");
                    }
                }

                var axe = await page.RunAxe();
                foreach (var violation in axe.Violations.Where(v => v.Impact is "serious" or "critical"))
                {
                    if (KnownFindings.ContainsKey((url, violation.Id)))
                    {
                        seenKnown.Add((url, violation.Id));
                        continue;
                    }

                    failures.Add($"{url} [{viewport}] axe {violation.Id} ({violation.Impact}): {violation.Help} — {string.Join(" | ", violation.Nodes.Take(3).Select(n => $"{n.Target} {n.Html}"))}");
                }
            }
        }

        failures.AddRange(KnownFindings.Keys
            .Where(known => urls.Contains(known.Url) && !seenKnown.Contains(known))
            .Select(known => $"{known.Url}: the known finding {known.Rule} is gone, remove it from {nameof(KnownFindings)}"));
        return failures;
    }

    public sealed class PageWidth
    {
        public int Scroll { get; set; }

        public int Viewport { get; set; }

        public string[] Widest { get; set; } = [];

        /// <summary>The page's scroll width against the viewport, and the elements that stick out (for the message).</summary>
        public const string Script = """
            () => {
              const root = document.documentElement;
              const viewport = root.clientWidth;
              const widest = [...document.querySelectorAll('body *')]
                .map(e => [e, e.getBoundingClientRect().right])
                .filter(([, right]) => right > viewport + 1)
                .sort((a, b) => b[1] - a[1]).slice(0, 4)
                .map(([e, right]) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' → ' + Math.round(right) + ' px');
              return { scroll: root.scrollWidth, viewport, widest };
            }
            """;
    }
}
