using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Content;

/// <summary>
/// The public content version as this host last read it. Cached pages and the bot's cached menu are keyed by it,
/// so when another host changes the menu, promos or hours, this host stops serving its old copies within
/// <c>Site:ContentVersionCheckSeconds</c>, at the cost of one tiny query per interval. The host that made the
/// edit reads the new version at once. This is the only way cached content is retired.
/// </summary>
public sealed class PublicContentVersion(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, LocalContentChanges local)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _remember = new();
    private long _version;
    private long _checkedAt = long.MinValue;
    private long _localChangesSeen;

    private TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Site:ContentVersionCheckSeconds", 2.0));

    public async ValueTask<long> CurrentAsync(CancellationToken ct)
    {
        if (Fresh())
        {
            return Volatile.Read(ref _version);
        }

        await _gate.WaitAsync(ct);
        try
        {
            // Several page requests finding it due at once make one query between them.
            if (!Fresh())
            {
                await using var scope = scopes.CreateAsyncScope();
                return await CurrentAsync(scope.ServiceProvider.GetRequiredService<ContentVersions>(), ct);
            }

            return Volatile.Read(ref _version);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The same, read through the caller's own unit of work when stale. A caller inside a transaction must not wait
    /// for a second connection: a burst of such callers can hold the whole pool, each waiting for the next.
    /// </summary>
    public async ValueTask<long> CurrentAsync(ContentVersions reader, CancellationToken ct)
    {
        if (Fresh())
        {
            return Volatile.Read(ref _version);
        }

        var changesSeen = local.Count;
        var version = await reader.CurrentAsync(ct);
        Remember(version, changesSeen);
        return version;
    }

    private void Remember(long version, long changesSeen)
    {
        lock (_remember)
        {
            // Readers racing each other must not move the version back.
            if (version >= _version)
            {
                Volatile.Write(ref _version, version);
                Volatile.Write(ref _checkedAt, time.GetTimestamp());
                Volatile.Write(ref _localChangesSeen, Math.Max(changesSeen, _localChangesSeen));
            }
        }
    }

    private bool Fresh() =>
        Volatile.Read(ref _checkedAt) != long.MinValue && time.GetElapsedTime(Volatile.Read(ref _checkedAt)) < Interval
        && Volatile.Read(ref _localChangesSeen) == local.Count;
}
