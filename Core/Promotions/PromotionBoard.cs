using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Promotions;

public enum PromotionError
{
    None,
    TitleMissing,
    DescriptionMissing,
    DatesInvalid,
    NotFound,

    /// <summary>The English title is over 200 characters or the English description over 2000.</summary>
    EnglishTooLong,
}

/// <summary>What guests are offered now (standing promos and events that have not ended), and their editing by staff.</summary>
public sealed class PromotionBoard(LoungeDbContext db, TimeProvider time, Lounge.LoungeProfile lounge, Content.ContentVersions content)
{
    public Task<List<Promotion>> AllAsync(CancellationToken ct = default) =>
        db.Promotions.AsNoTracking().OrderByDescending(p => p.StartsAtUtc ?? p.CreatedAtUtc).ThenByDescending(p => p.Id).ToListAsync(ct);

    /// <summary>
    /// Creates or edits a promo or event; times are the lounge's local times. The English title and description are
    /// optional: where one is blank, English guests see the Russian text.
    /// </summary>
    public async Task<PromotionError> SaveAsync(
        int? id, PromotionKind kind, string? title, string? description, DateTime? startsLocal, DateTime? endsLocal, bool published,
        string? titleEn, string? descriptionEn, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 200)
        {
            return PromotionError.TitleMissing;
        }

        if (string.IsNullOrWhiteSpace(description) || description.Trim().Length > 2000)
        {
            return PromotionError.DescriptionMissing;
        }

        if (!Localized.TryOptional(titleEn, 200, out titleEn) || !Localized.TryOptional(descriptionEn, 2000, out descriptionEn))
        {
            return PromotionError.EnglishTooLong;
        }

        if ((kind == PromotionKind.Event && startsLocal is null) || (startsLocal is { } s && endsLocal is { } e && e <= s))
        {
            return PromotionError.DatesInvalid;
        }

        var promotion = id is { } existing ? await db.Promotions.FindAsync([existing], ct) : new Promotion { Title = "", Description = "", CreatedAtUtc = time.GetUtcNow().UtcDateTime };
        if (promotion is null)
        {
            return PromotionError.NotFound;
        }

        promotion.Kind = kind;
        promotion.Title = title.Trim();
        promotion.Description = description.Trim();
        (promotion.TitleEn, promotion.DescriptionEn) = (titleEn, descriptionEn);
        promotion.StartsAtUtc = startsLocal is { } start ? lounge.ToUtc(start) : null;
        promotion.EndsAtUtc = endsLocal is { } end ? lounge.ToUtc(end) : null;
        promotion.IsPublished = published;
        if (id is null)
        {
            db.Promotions.Add(promotion);
        }

        await db.SaveChangesAsync(ct);
        await content.BumpAsync(ct);

        return PromotionError.None;
    }

    public Task<Promotion?> FindAsync(int id, CancellationToken ct = default) => db.Promotions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>Deletes a promo or event for good (to only hide it, take it off publication); gone from the site and the bot at once.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken ct = default)
    {
        if (await db.Promotions.FindAsync([id], ct) is not { } promotion)
        {
            return false;
        }

        db.Promotions.Remove(promotion);
        await db.SaveChangesAsync(ct);
        await content.BumpAsync(ct);

        return true;
    }

    public async Task<List<Promotion>> CurrentAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var items = await db.Promotions.AsNoTracking()
            .Where(p => p.IsPublished && (p.EndsAtUtc == null || p.EndsAtUtc > now))
            .ToListAsync(ct);

        // Promos first, then events soonest first.
        return [.. items.OrderBy(p => p.Kind).ThenBy(p => p.StartsAtUtc ?? DateTime.MinValue).ThenBy(p => p.Id)];
    }
}
