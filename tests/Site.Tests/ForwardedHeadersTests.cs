using System.Net;
using HookahLounge.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Site.Tests;

/// <summary>X-Forwarded-For is believed only from configured proxies, so a client cannot choose its IP for the per-IP limits.</summary>
public sealed class ForwardedHeadersTests
{
    private const string ProxyAddress = "10.0.0.5";

    /// <summary>Every request arrives from <see cref="ProxyAddress"/>, as if through a reverse proxy.</summary>
    private sealed class FromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(ProxyAddress);
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    private static async Task<List<HttpStatusCode>> PostFromAsync(Dictionary<string, string?> settings, params string[] forwardedFor)
    {
        settings["Notifications:DispatcherEnabled"] = "false";
        settings["Site:FormPostsPerMinute"] = "2";
        await using var app = new LoungeAppFactory(await TestDatabase.CreateAsync("Sqlite"), settings: settings, services: s => s.AddTransient<IStartupFilter, FromProxy>());
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        foreach (var ip in forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/booking") { Content = new FormUrlEncodedContent(new Dictionary<string, string>()) };
            request.Headers.Add("X-Forwarded-For", ip);
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        await app.Database.DisposeAsync();
        return statuses;
    }

    [Fact]
    public async Task Without_configured_proxies_a_made_up_forwarded_for_does_not_escape_the_per_ip_limit()
    {
        var statuses = await PostFromAsync([], "203.0.113.1", "203.0.113.2", "203.0.113.3");

        statuses[2].Should().Be(HttpStatusCode.TooManyRequests, "all three posts come from one address, whatever the header says");
    }

    [Fact]
    public async Task A_configured_proxy_passes_on_the_client_address()
    {
        var distinct = await PostFromAsync(new() { ["ForwardedHeaders:KnownProxies:0"] = ProxyAddress }, "203.0.113.1", "203.0.113.2", "203.0.113.3");
        var same = await PostFromAsync(new() { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8" }, "203.0.113.9", "203.0.113.9", "203.0.113.9");

        distinct.Should().NotContain(HttpStatusCode.TooManyRequests, "three guests behind the proxy are three addresses");
        same[2].Should().Be(HttpStatusCode.TooManyRequests);
    }
}
