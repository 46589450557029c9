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

/// <summary>Reads and bumps the public content version.</summary>
public sealed class ContentVersions(LoungeDbContext db) : IMenuChangeListener
{
    /// <summary>Atomic on both providers: concurrent edits each move it on.</summary>
    public Task BumpAsync(CancellationToken ct = default) =>
        db.Set<ContentVersion>().Where(v => v.Id == ContentVersion.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, v => v.Version + 1), ct);

    public Task<long> CurrentAsync(CancellationToken ct = default) =>
        db.Set<ContentVersion>().Where(v => v.Id == ContentVersion.SingletonId).Select(v => v.Version).SingleOrDefaultAsync(ct);

    public Task MenuChangedAsync(CancellationToken ct) => BumpAsync(ct);
}
