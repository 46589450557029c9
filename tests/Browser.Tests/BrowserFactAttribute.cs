namespace HookahLounge.Browser.Tests;

/// <summary>
/// A test that drives Debian's Chromium (/usr/bin/chromium, `apt-get install chromium`; Playwright downloads no
/// browser). Skipped where it is not installed, except when HOOKAH_REQUIRE_BROWSER=1 (as in CI), where it fails instead.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium) && Environment.GetEnvironmentVariable("HOOKAH_REQUIRE_BROWSER") != "1")
        {
            Skip = $"Chromium is not installed at {Chromium} (apt-get install chromium).";
        }
    }
}
