namespace HookahLounge.Core.Content;

/// <summary>
/// A value built from what guests see (the menu, the booking policy), kept with the content version it was read at:
/// used while that version stands and built again once an edit moves it on. Shared between requests and hosts'
/// threads; the value itself is handed out as is, so callers that change what they get must copy it first.
/// </summary>
public sealed class ContentCache<T>(PublicContentVersion content)
    where T : class
{
    private Copy? _copy;

    /// <param name="versions">The caller's unit of work, through which the version is read when a check is due.</param>
    public async Task<T> GetAsync(ContentVersions versions, Func<CancellationToken, Task<T>> load, CancellationToken ct)
    {
        // Read before loading: an edit landing meanwhile moves the version on, so this copy is replaced next time.
        var version = await content.CurrentAsync(versions, ct);
        if (Volatile.Read(ref _copy) is { } copy && copy.Version == version)
        {
            return copy.Value;
        }

        var value = await load(ct);
        Volatile.Write(ref _copy, new Copy(version, value));
        return value;
    }

    private sealed record Copy(long Version, T Value);
}
