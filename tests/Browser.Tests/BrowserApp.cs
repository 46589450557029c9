using System.Net;
using System.Net.Sockets;
using HookahLounge.Testing;
using Microsoft.Playwright;

namespace HookahLounge.Browser.Tests;

/// <summary>The whole app on a real port (Kestrel, static assets) and Debian's headless Chromium: what every browser test starts from.</summary>
public sealed class BrowserApp : IAsyncDisposable
{
    private IPlaywright? _playwright;

    private BrowserApp(LoungeAppFactory app, string baseUrl)
    {
        App = app;
        BaseUrl = baseUrl;
    }

    public LoungeAppFactory App { get; }

    public string BaseUrl { get; }

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Starts the app on a fresh database of the preferred provider with <paramref name="settings"/>, then the browser.</summary>
    public static async Task<BrowserApp> StartAsync(IDictionary<string, string?> settings)
    {
        var app = new LoungeAppFactory(await TestDatabase.CreateAsync(TestDatabase.Preferred), settings: settings, staticAssets: true);
        var port = FreePort();
        app.UseKestrel(port);
        app.StartServer();
        var started = new BrowserApp(app, $"http://127.0.0.1:{port}");
        started._playwright = await Playwright.CreateAsync();
        started.Browser = await started._playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
        await App.Database.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
