using System.Diagnostics;
using System.Text.RegularExpressions;
using HookahLounge.Testing;

namespace HookahLounge.Bench.Broadcast;

/// <summary>The built app in a process of its own, so the benchmark can kill it (SIGKILL) like a crash.</summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process) => _process = process;

    public static async Task<AppProcess> StartAsync(TestDatabase database, string botApi, IDictionary<string, string?> settings)
    {
        var dll = typeof(HookahLounge.Site.Scheduling.SendBroadcastsJob).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            ["Telegram:BotToken"] = LoungeAppFactory.BotToken,
            ["Telegram:ApiBaseUrl"] = botApi,
        };
        foreach (var (key, value) in database.AppSettings().Concat(settings))
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var app = new AppProcess(process);
        process.OutputDataReceived += (_, e) => app.Read(e.Data);
        process.ErrorDataReceived += (_, e) => app.Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = await app._listening.Task.WaitAsync(TimeSpan.FromSeconds(120));
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                throw new InvalidOperationException("The app did not become healthy.");
            }

            await Task.Delay(100);
        }
    }

    private void Read(string? line)
    {
        if (line is not null && ListeningOn().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(match.Groups[1].Value);
        }
    }

    /// <summary>SIGKILL: no shutdown, no draining.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
