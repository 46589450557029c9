namespace HookahLounge.Bot.Intake;

/// <summary>Wakes one waiting loop: any number of signals given while it is busy wake it once, not once each.</summary>
internal sealed class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Set()
    {
        if (_signal.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Set by someone else in between; one pending signal is enough.
        }
    }

    /// <summary>False when the time ran out without a signal.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
