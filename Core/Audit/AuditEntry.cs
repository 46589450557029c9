using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HookahLounge.Core.Audit;

/// <summary>What part of the back office a change belongs to, for filtering the audit log.</summary>
public enum AuditArea
{
    Menu = 0,
    StopList = 1,
    Bookings = 2,
    Orders = 3,
    Promotions = 4,
    Staff = 5,
    Settings = 6,
    Broadcasts = 7,

    /// <summary>Guests' calls for a waiter, coals or the bill, as staff take and close them.</summary>
    ServiceCalls = 8,
}

/// <summary>One change a staff member made: who, when, to what, and which values moved.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public int? StaffUserId { get; set; }

    /// <summary>The staff member's login at the time.</summary>
    public required string Actor { get; set; }

    public AuditArea Area { get; set; }

    /// <summary>"Added", "Modified" or "Deleted".</summary>
    public required string Action { get; set; }

    /// <summary>The kind of thing changed, e.g. "MenuItem".</summary>
    public required string Entity { get; set; }

    /// <summary>Its key, or for a new row (whose key the database assigns) its name.</summary>
    public required string EntityKey { get; set; }

    /// <summary>"Price: 890 → 955" lines; secrets are named but never shown.</summary>
    public string? Changes { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Actor).HasMaxLength(64);
        builder.Property(a => a.Area).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Action).HasMaxLength(10);
        builder.Property(a => a.Entity).HasMaxLength(40);
        builder.Property(a => a.EntityKey).HasMaxLength(200);
        builder.Property(a => a.Changes).HasMaxLength(4000);
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => new { a.Area, a.AtUtc });
    }
}
