using HookahLounge.Core.Data;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Promotions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HookahLounge.Core.Content;

/// <summary>A picture of the public site that belongs to no menu item or promo (the home page's hero), kept in the database so every host serves the same one.</summary>
public sealed class SitePhoto
{
    public const string Hero = "hero";

    public required string Key { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Bytes { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A promo's or event's photo; goes with its promotion when that is deleted.</summary>
public sealed class PromotionPhoto
{
    public int PromotionId { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Bytes { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

public enum PhotoError
{
    None,
    NotFound,
    TooLarge,
    NotAnImage,
}

/// <summary>
/// The site's own photos: the hero on the home page and the promos' pictures. The same rules as menu photos
/// (JPEG, PNG or WebP by their bytes, at most <see cref="MenuEditor.MaxPhotoBytes"/>); each carries a version
/// (its ticks) for a URL that can be cached for good, and every change retires the cached public pages.
/// </summary>
public sealed class SitePhotos(LoungeDbContext db, TimeProvider time, ContentVersions content)
{
    public async Task<long?> HeroVersionAsync(CancellationToken ct = default) =>
        await db.SitePhotos.Where(p => p.Key == SitePhoto.Hero).Select(p => (long?)p.UpdatedAtUtc.Ticks).SingleOrDefaultAsync(ct);

    public Task<SitePhoto?> HeroAsync(CancellationToken ct = default) =>
        db.SitePhotos.AsNoTracking().SingleOrDefaultAsync(p => p.Key == SitePhoto.Hero, ct);

    public Task<PromotionPhoto?> PromotionPhotoAsync(int promotionId, CancellationToken ct = default) =>
        db.PromotionPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.PromotionId == promotionId, ct);

    public async Task<PhotoError> SetHeroAsync(byte[] bytes, CancellationToken ct = default)
    {
        if (MenuEditor.CheckPhoto(bytes, out var contentType) is not PhotoError.None and var error)
        {
            return error;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var photo = await db.SitePhotos.FindAsync([SitePhoto.Hero], ct);
        if (photo is null)
        {
            db.SitePhotos.Add(new SitePhoto { Key = SitePhoto.Hero, ContentType = contentType, Bytes = bytes, UpdatedAtUtc = now });
        }
        else
        {
            (photo.ContentType, photo.Bytes, photo.UpdatedAtUtc) = (contentType, bytes, now);
        }

        return await SaveAsync(ct);
    }

    public async Task<PhotoError> RemoveHeroAsync(CancellationToken ct = default)
    {
        await db.SitePhotos.Where(p => p.Key == SitePhoto.Hero).ExecuteDeleteAsync(ct);
        return await SaveAsync(ct);
    }

    public async Task<PhotoError> SetPromotionPhotoAsync(int promotionId, byte[] bytes, CancellationToken ct = default)
    {
        if (MenuEditor.CheckPhoto(bytes, out var contentType) is not PhotoError.None and var error)
        {
            return error;
        }

        var promotion = await db.Promotions.FindAsync([promotionId], ct);
        if (promotion is null)
        {
            return PhotoError.NotFound;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var photo = await db.PromotionPhotos.FindAsync([promotionId], ct);
        if (photo is null)
        {
            db.PromotionPhotos.Add(new PromotionPhoto { PromotionId = promotionId, ContentType = contentType, Bytes = bytes, UpdatedAtUtc = now });
        }
        else
        {
            (photo.ContentType, photo.Bytes, photo.UpdatedAtUtc) = (contentType, bytes, now);
        }

        promotion.PhotoVersion = now.Ticks;
        return await SaveAsync(ct);
    }

    public async Task<PhotoError> RemovePromotionPhotoAsync(int promotionId, CancellationToken ct = default)
    {
        var promotion = await db.Promotions.FindAsync([promotionId], ct);
        if (promotion is null)
        {
            return PhotoError.NotFound;
        }

        await db.PromotionPhotos.Where(p => p.PromotionId == promotionId).ExecuteDeleteAsync(ct);
        promotion.PhotoVersion = null;
        return await SaveAsync(ct);
    }

    private async Task<PhotoError> SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await content.BumpAsync(ct);

        return PhotoError.None;
    }
}

internal sealed class SitePhotoConfiguration : IEntityTypeConfiguration<SitePhoto>
{
    public void Configure(EntityTypeBuilder<SitePhoto> builder)
    {
        builder.HasKey(p => p.Key);
        builder.Property(p => p.Key).HasMaxLength(40);
        builder.Property(p => p.ContentType).HasMaxLength(30);
    }
}

internal sealed class PromotionPhotoConfiguration : IEntityTypeConfiguration<PromotionPhoto>
{
    public void Configure(EntityTypeBuilder<PromotionPhoto> builder)
    {
        builder.HasKey(p => p.PromotionId);
        builder.Property(p => p.PromotionId).ValueGeneratedNever();
        builder.Property(p => p.ContentType).HasMaxLength(30);
        builder.HasOne<Promotion>().WithOne().HasForeignKey<PromotionPhoto>(p => p.PromotionId).OnDelete(DeleteBehavior.Cascade);
    }
}
