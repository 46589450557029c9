using System.Diagnostics;
using HookahLounge.Testing;

namespace HookahLounge.Bot.Tests;

/// <summary>The built app in a process of its own, so a test can kill it (SIGKILL) like a crash would.</summary>
public sealed partial class SiteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiteProcess(Process process) => _process = process;

    public Uri Address { get; private set; } = null!;

    /// <summary>How the process ended, for diagnostics ("running" while it runs).</summary>
    public string Exit
    {
        get
        {
            try
            {
                return _process.HasExited ? $"exited with {_process.ExitCode} at {_process.ExitTime:HH:mm:ss.fff}" : "running";
            }
            catch (InvalidOperationException)
            {
                return "killed by the test";
            }
        }
    }

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true; // Disposed after a kill.
            }
        }
    }

    public HttpClient Client { get; private set; } = null!;

    public static async Task<SiteProcess> StartAsync(TestDatabase database, FakeTelegram telegram, IDictionary<string, string?> settings)
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = System.IO.Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            // Port 0: the app takes a free port itself and says which; a port picked here could be taken by another process meanwhile.
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            ["Seed:Demo"] = "true",
            ["Scheduling:Enabled"] = "false",
            ["Telegram:BotToken"] = LoungeAppFactory.BotToken,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
            ["Lounge:BotUsername"] = "oblaka_test_bot",
            ["Logging:LogLevel:Default"] = "Warning",
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
        var site = new SiteProcess(process);
        process.OutputDataReceived += (_, e) => site.Append(e.Data);
        process.ErrorDataReceived += (_, e) => site.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!site._listening.Task.IsCompleted)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The app did not start listening:\n{site.Output}");
            }

            await Task.Delay(50);
        }

        site.Address = await site._listening.Task;
        site.Client = new HttpClient { BaseAddress = site.Address, Timeout = TimeSpan.FromSeconds(30) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{site.Output}");
            }

            try
            {
                using var health = await site.Client.GetAsync("/health");
                if (health.IsSuccessStatusCode)
                {
                    return site;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The app did not become healthy:\n{site.Output}");
            }

            await Task.Delay(100);
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no draining, whatever was in memory is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ListeningOn().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial System.Text.RegularExpressions.Regex ListeningOn();

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        Client.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
