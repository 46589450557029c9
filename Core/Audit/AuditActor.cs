namespace HookahLounge.Core.Audit;

/// <summary>The staff member on whose behalf changes are being saved; null for guests, the bot and the system.</summary>
public sealed record AuditIdentity(int? StaffUserId, string Login);

/// <summary>Tells the audit who is acting: the signed-in back-office user (the host supplies it) or an explicit scope.</summary>
public interface IAuditActorSource
{
    AuditIdentity? Current { get; }
}

/// <summary>An explicit actor for work done outside a back-office request (a staff-chat button, a test).</summary>
public static class AuditActor
{
    private static readonly AsyncLocal<AuditIdentity?> Ambient = new();

    public static AuditIdentity? Current => Ambient.Value;

    public static IDisposable Use(int? staffUserId, string login)
    {
        var previous = Ambient.Value;
        Ambient.Value = new AuditIdentity(staffUserId, login);
        return new Restore(previous);
    }

    private sealed class Restore(AuditIdentity? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
