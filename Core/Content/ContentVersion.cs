using HookahLounge.Core.Data;
using HookahLounge.Core.Menu;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HookahLounge.Core.Content;

/// <summary>
/// One row whose number goes up whenever something guests see on public pages changes (menu, promos,
/// hours). Every host reads it now and then and keys its page cache by it, so an edit made on one host
/// retires the cached pages on all of them.
/// </summary>
public sealed class ContentVersion
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public long Version { get; set; }
}

internal sealed class ContentVersionConfiguration : IEntityTypeConfiguration<ContentVersion>
{
    public void Configure(EntityTypeBuilder<ContentVersion> builder)
    {
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasData(new ContentVersion { Id = ContentVersion.SingletonId, Version = 1 });
    }
}

/// <summary>
/// Counts this host's own bumps of the content version, so the host that made an edit re-reads the version (and
/// so stops serving its cached pages) at once; other hosts notice on their next periodic read.
/// </summary>
public sealed class LocalContentChanges
{
    private long _count;

    public long Count => Volatile.Read(ref _count);

    internal void Add() => Interlocked.Increment(ref _count);
}

/// <summary>Reads and bumps the public content version.</summary>
public sealed class ContentVersions(LoungeDbContext db, LocalContentChanges local) : IMenuChangeListener
{
    /// <summary>Atomic on both providers: concurrent edits each move it on.</summary>
    public async Task BumpAsync(CancellationToken ct = default)
    {
        await db.Set<ContentVersion>().Where(v => v.Id == ContentVersion.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, v => v.Version + 1), ct);
        local.Add();
    }

    public Task<long> CurrentAsync(CancellationToken ct = default) =>
        db.Set<ContentVersion>().Where(v => v.Id == ContentVersion.SingletonId).Select(v => v.Version).SingleOrDefaultAsync(ct);

    public Task MenuChangedAsync(CancellationToken ct) => BumpAsync(ct);
}
