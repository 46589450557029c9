using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HookahLounge.Testing;

/// <summary>One SMS request as SMSC.RU would have received it.</summary>
public sealed record SmsRequest(string? Phones, string? Message, string? Id, string? Login, string? Password, string? ApiKey, string? Sender, string? Format, string? Charset);

/// <summary>
/// A local stand-in for SMSC.RU's <c>/sys/send.php</c>: answers like SMSC with <c>fmt=3</c> JSON, remembers
/// message ids (a repeated id is error 9, "duplicate"), and returns scripted error codes on request.
/// </summary>
public sealed class FakeSmsc : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SmsRequest> _requests = new();
    private readonly ConcurrentQueue<int> _errors = new();
    private readonly ConcurrentDictionary<string, bool> _ids = new();

    private FakeSmsc(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request, including refused ones.</summary>
    public IReadOnlyList<SmsRequest> Requests => [.. _requests];

    /// <summary>Messages SMSC accepted for delivery.</summary>
    public ConcurrentQueue<SmsRequest> Delivered { get; } = new();

    public static async Task<FakeSmsc> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSmsc(app);
        app.MapPost("/sys/send.php", (Delegate)fake.SendAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First();
        return fake;
    }

    /// <summary>The next requests are answered with these SMSC error codes, in order.</summary>
    public void FailWith(params int[] codes)
    {
        foreach (var code in codes)
        {
            _errors.Enqueue(code);
        }
    }

    private async Task<IResult> SendAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        string? Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;
        var request = new SmsRequest(Field("phones"), Field("mes"), Field("id"), Field("login"), Field("psw"), Field("apikey"), Field("sender"), Field("fmt"), Field("charset"));
        _requests.Enqueue(request);
        if (_errors.TryDequeue(out var code))
        {
            return Results.Json(new JsonObject { ["error"] = $"scripted error {code}", ["error_code"] = code });
        }

        if (request.Id is { } id && !_ids.TryAdd(id, true))
        {
            return Results.Json(new JsonObject { ["error"] = "duplicate request, wait a minute", ["error_code"] = 9 });
        }

        Delivered.Enqueue(request);
        return Results.Json(new JsonObject { ["id"] = long.Parse(request.Id ?? "1", System.Globalization.CultureInfo.InvariantCulture), ["cnt"] = 1 });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
