namespace HookahLounge.Core.Chats;

/// <summary>
/// The bot's send limit as a token bucket: <see cref="PerSecond"/> tokens a second, room for <see cref="Burst"/>
/// for anyone plus a <see cref="Reserve"/> only guest replies and notifications may take, so a reply always finds
/// a token ahead of a broadcast, on whichever host it is sent.
/// </summary>
public sealed record SendLimit(double PerSecond)
{
    /// <summary>A tenth of a second's worth (at least one), so no one-second window sees much more than the rate.</summary>
    public int Burst { get; } = Math.Max(1, (int)(PerSecond / 10));

    /// <summary>Tokens broadcasts leave in the bucket for replies.</summary>
    public int Reserve => 1;

    public int Capacity => Burst + Reserve;
}

/// <summary>What a take got: <see cref="Granted"/> tokens, and when fewer than asked for, how long until the next one.</summary>
public readonly record struct SendGrant(int Granted, TimeSpan Wait);

/// <summary>
/// The one budget every message to Telegram is paid from. On PostgreSQL it is a row all hosts share (the limit is
/// Telegram's, per bot, not per host); with SQLite there is one host and it lives in memory.
/// </summary>
public interface ISendBudget
{
    /// <summary>
    /// Takes up to <paramref name="want"/> tokens, leaving at least <paramref name="keep"/> in the bucket. Grants 0
    /// while a pause (a 429 seen by any host) lasts.
    /// </summary>
    ValueTask<SendGrant> TakeAsync(SendLimit limit, int want, double keep, CancellationToken ct);

    /// <summary>Telegram said 429: nothing is granted to anyone for <paramref name="pause"/>.</summary>
    ValueTask PauseAsync(TimeSpan pause, CancellationToken ct);
}

/// <summary>The budget's shared state on PostgreSQL: one row, updated by <see cref="PostgresSendBudget"/>.</summary>
public sealed class SendBudgetState
{
    public const int TheRow = 1;

    public int Id { get; set; }

    /// <summary>Tokens in the bucket at <see cref="RefilledAtUtc"/> (fractional: it refills continuously).</summary>
    public double Tokens { get; set; }

    /// <summary>The database's clock when the bucket was last refilled.</summary>
    public DateTime RefilledAtUtc { get; set; }

    /// <summary>Nothing is granted before this (Telegram's retry_after after a 429 on any host).</summary>
    public DateTime? PausedUntilUtc { get; set; }
}

internal static class SendBudgetMath
{
    /// <summary>How long until a take of <paramref name="want"/> that got <paramref name="granted"/> is worth trying again.</summary>
    public static TimeSpan WaitAfter(SendLimit limit, int want, int granted, double left, double keep, double pausedSeconds)
    {
        if (granted >= want)
        {
            return TimeSpan.Zero;
        }

        var refill = Math.Max(0, keep + 1 - left) / limit.PerSecond;
        var seconds = Math.Max(refill, pausedSeconds);
        return TimeSpan.FromSeconds(Math.Max(seconds, 0.001));
    }
}

/// <summary>One host's budget in memory, on the given clock: embedded SQLite is one host by construction.</summary>
public sealed class LocalSendBudget(TimeProvider time) : ISendBudget
{
    private readonly Lock _sync = new();
    private double _tokens = double.NaN;
    private DateTimeOffset _refilledAt;
    private DateTimeOffset _pausedUntil;

    public ValueTask<SendGrant> TakeAsync(SendLimit limit, int want, double keep, CancellationToken ct)
    {
        lock (_sync)
        {
            var now = time.GetUtcNow();
            var elapsed = Math.Max(0, (now - _refilledAt).TotalSeconds);
            var available = double.IsNaN(_tokens) ? limit.Capacity : Math.Min(limit.Capacity, _tokens + (limit.PerSecond * elapsed));
            _refilledAt = now > _refilledAt ? now : _refilledAt;
            var paused = Math.Max(0, (_pausedUntil - now).TotalSeconds);
            var granted = paused > 0 ? 0 : (int)Math.Max(0, Math.Min(want, Math.Floor(available - keep)));
            _tokens = available - granted;
            return ValueTask.FromResult(new SendGrant(granted, SendBudgetMath.WaitAfter(limit, want, granted, _tokens, keep, paused)));
        }
    }

    public ValueTask PauseAsync(TimeSpan pause, CancellationToken ct)
    {
        lock (_sync)
        {
            var until = time.GetUtcNow() + pause;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }

        return ValueTask.CompletedTask;
    }
}
