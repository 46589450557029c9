using Microsoft.Extensions.Options;

namespace HookahLounge.Core.Lounge;

/// <summary>
/// The schedule every page, dialog and rule reads, kept in memory. It starts from configuration and is
/// replaced with the database's schedule at start-up, after each edit and periodically (other hosts' edits).
/// </summary>
public sealed class OpeningHoursCache(IOptions<LoungeOptions> options)
{
    private OpeningHours? _current;

    public OpeningHours Current => _current ??= OpeningHours.FromOptions(options.Value);

    public void Replace(OpeningHours hours) => Volatile.Write(ref _current, hours);
}
