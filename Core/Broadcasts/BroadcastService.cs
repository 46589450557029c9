using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Promotions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HookahLounge.Core.Broadcasts;

/// <summary>What staff typed on the compose form.</summary>
public sealed record BroadcastInput
{
    public string? Title { get; init; }
    public string? Text { get; init; }
    public string? TextEn { get; init; }
    public BroadcastButtonKind ButtonKind { get; init; }
    public string? ButtonText { get; init; }
    public string? ButtonTextEn { get; init; }
    public string? ButtonUrl { get; init; }
    public DateOnly? ButtonDate { get; init; }
    public int? PromotionId { get; init; }
    public AudienceFilter Audience { get; init; } = new();
    public byte[]? Photo { get; init; }
    public string? PhotoContentType { get; init; }
    public bool RemovePhoto { get; init; }
}

public sealed record BroadcastProgress(
    Broadcast Broadcast,
    int Pending,
    int Sent,
    int Failed,
    int Blocked,
    int Skipped,
    int Unknown,
    double RatePerSecond,
    TimeSpan? Eta,
    IReadOnlyList<(string Error, int Count)> Errors)
{
    public int Total => Pending + Sent + Failed + Blocked + Skipped + Unknown;
}

/// <summary>A broadcast in the history: how many it reached, and what its recipients did within 48 hours.</summary>
public sealed record BroadcastReach(Broadcast Broadcast, int Sent, int Orders, int Bookings);

/// <summary>Composing, checking, scheduling and steering broadcasts (back office).</summary>
public sealed class BroadcastService(
    LoungeDbContext db,
    LoungeProfile lounge,
    AudienceQuery audiences,
    IEnumerable<IBroadcastChannel> channels,
    IBroadcastKick kick,
    IOptions<BroadcastOptions> options,
    TimeProvider time)
{
    public const int MaxTitle = 200;
    public const int MaxText = 4096;
    public const int MaxCaption = 1024;
    public const int MaxButtonText = 64;
    public const int MaxPhotoBytes = 5 * 1024 * 1024;
    public const int ReachHours = 48;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Every problem with the input, in words for staff; empty when it can be saved.</summary>
    public async Task<List<string>> ValidateAsync(BroadcastInput input, bool hasStoredPhoto, CancellationToken ct = default)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > MaxTitle)
        {
            errors.Add($"Укажите название рассылки (до {MaxTitle} символов).");
        }

        var withPhoto = input.Photo is not null || (hasStoredPhoto && !input.RemovePhoto);
        var limit = withPhoto ? MaxCaption : MaxText;
        foreach (var (text, label, required) in new[] { (input.Text, "Текст", true), (input.TextEn, "Английский текст", false) })
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required)
                {
                    errors.Add("Напишите текст рассылки.");
                }

                continue;
            }

            if (BroadcastHtml.Validate(text) is { } htmlError)
            {
                errors.Add($"{label}: {htmlError}");
            }
            else if (BroadcastHtml.VisibleLength(text) > limit)
            {
                errors.Add($"{label} длиннее {limit} символов{(withPhoto ? " (подпись к фото в Telegram — до 1024)" : "")}: сейчас {BroadcastHtml.VisibleLength(text)}.");
            }
        }

        if (input.Photo is { } photo && (photo.Length > MaxPhotoBytes || PhotoType(photo) is null))
        {
            errors.Add("Фото — JPEG или PNG до 5 МБ.");
        }

        if (!Enum.IsDefined(input.ButtonKind))
        {
            errors.Add("Неизвестный вид кнопки.");
        }
        else if (input.ButtonKind != BroadcastButtonKind.None)
        {
            if (string.IsNullOrWhiteSpace(input.ButtonText) || input.ButtonText.Trim().Length > MaxButtonText || (input.ButtonTextEn?.Trim().Length ?? 0) > MaxButtonText)
            {
                errors.Add($"Надпись на кнопке — от 1 до {MaxButtonText} символов.");
            }

            if (input.ButtonKind == BroadcastButtonKind.Url && !BroadcastHtml.IsWebAddress(input.ButtonUrl))
            {
                errors.Add("Адрес кнопки должен начинаться с http:// или https://.");
            }

            if (input.ButtonKind == BroadcastButtonKind.Book && (input.ButtonDate is not { } date || date < lounge.BusinessToday))
            {
                errors.Add("Для кнопки брони укажите дату — сегодня или позже.");
            }
        }

        if (input.PromotionId is { } promotionId && !await db.Promotions.AnyAsync(p => p.Id == promotionId, ct))
        {
            errors.Add("Такой акции или события нет.");
        }

        errors.AddRange(await ValidateAudienceAsync(input.Audience, ct));
        return errors;
    }

    /// <summary>Every problem with an audience, in words for staff; empty when it can be counted, saved or sent to.</summary>
    public async Task<List<string>> ValidateAudienceAsync(AudienceFilter audience, CancellationToken ct = default)
    {
        var errors = new List<string>();
        if (audience.VisitedWithinDays is < 1 or > AudienceFilter.MaxDays || audience.NotVisitedForDays is < 1 or > AudienceFilter.MaxDays)
        {
            errors.Add($"Число дней в аудитории — от 1 до {AudienceFilter.MaxDays}.");
        }

        if (audience.Language is { } language && language is not ("ru" or "en"))
        {
            errors.Add("Язык аудитории — русский или английский.");
        }

        if (audience.BookedForEventId is { } eventId && !await db.Promotions.AnyAsync(p => p.Id == eventId && p.Kind == PromotionKind.Event, ct))
        {
            errors.Add("Такого события нет.");
        }

        return errors;
    }

    /// <summary>JPEG or PNG by its bytes, or null.</summary>
    public static string? PhotoType(byte[] bytes) =>
        bytes is [0xFF, 0xD8, 0xFF, ..] ? "image/jpeg"
        : bytes is [0x89, 0x50, 0x4E, 0x47, ..] ? "image/png"
        : null;

    /// <summary>Creates or updates a draft (or a scheduled one, which stays scheduled); errors change nothing.</summary>
    public async Task<(Broadcast? Broadcast, List<string> Errors)> SaveAsync(int? id, BroadcastInput input, string staff, CancellationToken ct = default)
    {
        Broadcast? broadcast = null;
        if (id is { } existing)
        {
            broadcast = await db.Broadcasts.SingleOrDefaultAsync(b => b.Id == existing, ct);
            if (broadcast is null)
            {
                return (null, ["Рассылка не найдена."]);
            }

            if (!broadcast.IsEditable)
            {
                return (broadcast, ["Рассылка уже отправляется или завершена — её нельзя изменить."]);
            }
        }

        var errors = await ValidateAsync(input, broadcast?.Photo is not null, ct);
        if (errors.Count > 0)
        {
            return (broadcast, errors);
        }

        var now = Now;
        if (broadcast is null)
        {
            broadcast = new Broadcast { Title = "", Text = "", AudienceJson = "{}", CreatedBy = staff, CreatedAtUtc = now, Status = BroadcastStatus.Draft };
            db.Broadcasts.Add(broadcast);
        }

        broadcast.Title = input.Title!.Trim();
        broadcast.Text = input.Text!.Trim();
        broadcast.TextEn = string.IsNullOrWhiteSpace(input.TextEn) ? null : input.TextEn.Trim();
        broadcast.ButtonKind = input.ButtonKind;
        var hasButton = input.ButtonKind != BroadcastButtonKind.None;
        broadcast.ButtonText = hasButton ? input.ButtonText!.Trim() : null;
        broadcast.ButtonTextEn = hasButton && !string.IsNullOrWhiteSpace(input.ButtonTextEn) ? input.ButtonTextEn.Trim() : null;
        broadcast.ButtonUrl = input.ButtonKind == BroadcastButtonKind.Url ? input.ButtonUrl!.Trim() : null;
        broadcast.ButtonDate = input.ButtonKind == BroadcastButtonKind.Book ? input.ButtonDate : null;
        broadcast.PromotionId = input.PromotionId;
        broadcast.AudienceJson = input.Audience.ToJson();
        if (input.Photo is { } photo)
        {
            broadcast.Photo = photo;
            broadcast.PhotoContentType = PhotoType(photo);
            broadcast.PhotoFileId = null;
        }
        else if (input.RemovePhoto)
        {
            broadcast.Photo = null;
            broadcast.PhotoContentType = null;
            broadcast.PhotoFileId = null;
        }

        broadcast.UpdatedAtUtc = now;
        await db.SaveChangesAsync(ct);
        return (broadcast, []);
    }

    public Task<Broadcast?> FindAsync(int id, CancellationToken ct = default) =>
        db.Broadcasts.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);

    /// <summary>
    /// Sends at <paramref name="localTime"/> (the lounge's clock), or now when null. A time in the past is
    /// refused; the content is checked again, so a broadcast that cannot be sent is never scheduled.
    /// </summary>
    public async Task<string?> ScheduleAsync(int id, DateTime? localTime, CancellationToken ct = default)
    {
        var broadcast = await db.Broadcasts.SingleOrDefaultAsync(b => b.Id == id, ct);
        if (broadcast is null)
        {
            return "Рассылка не найдена.";
        }

        if (!broadcast.IsEditable)
        {
            return "Рассылка уже отправляется или завершена.";
        }

        var errors = await ValidateAsync(InputOf(broadcast), hasStoredPhoto: false, ct);
        if (errors.Count > 0)
        {
            return string.Join(" ", errors);
        }

        var now = Now;
        DateTime at;
        if (localTime is { } local)
        {
            at = lounge.ToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
            if (at <= now)
            {
                return "Это время уже прошло — выберите время в будущем (по часовому поясу заведения).";
            }
        }
        else
        {
            at = now;
        }

        broadcast.Status = BroadcastStatus.Scheduled;
        broadcast.ScheduledAtUtc = at;
        broadcast.UpdatedAtUtc = now;
        await db.SaveChangesAsync(ct);
        if (localTime is null)
        {
            await kick.KickAsync(ct);
        }

        return null;
    }

    /// <summary>Back to a draft: a scheduled broadcast is taken off the schedule.</summary>
    public Task<string?> UnscheduleAsync(int id, CancellationToken ct = default) =>
        ChangeAsync(id, b => b.Status == BroadcastStatus.Scheduled, b => { b.Status = BroadcastStatus.Draft; b.ScheduledAtUtc = null; }, "Снять с расписания можно только запланированную рассылку.", ct);

    public Task<string?> PauseAsync(int id, CancellationToken ct = default) =>
        ChangeAsync(id, b => b.Status is BroadcastStatus.Scheduled or BroadcastStatus.Sending, b => b.Status = BroadcastStatus.Paused, "Приостановить можно только запланированную или идущую рассылку.", ct);

    public async Task<string?> ResumeAsync(int id, CancellationToken ct = default)
    {
        var error = await ChangeAsync(id, b => b.Status == BroadcastStatus.Paused,
            b => b.Status = b.StartedAtUtc is null ? BroadcastStatus.Scheduled : BroadcastStatus.Sending, "Продолжить можно только приостановленную рассылку.", ct);
        if (error is null)
        {
            await kick.KickAsync(ct);
        }

        return error;
    }

    public Task<string?> CancelAsync(int id, CancellationToken ct = default) =>
        ChangeAsync(id, b => !b.IsFinished, b => { b.Status = BroadcastStatus.Cancelled; b.FinishedAtUtc = Now; }, "Рассылка уже завершена.", ct);

    private async Task<string?> ChangeAsync(int id, Func<Broadcast, bool> allowed, Action<Broadcast> change, string refusal, CancellationToken ct)
    {
        var broadcast = await db.Broadcasts.SingleOrDefaultAsync(b => b.Id == id, ct);
        if (broadcast is null)
        {
            return "Рассылка не найдена.";
        }

        if (!allowed(broadcast))
        {
            return refusal;
        }

        change(broadcast);
        broadcast.UpdatedAtUtc = Now;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Sends the broadcast (each language version) to one chat, e.g. the staff member's own.</summary>
    public async Task<string?> SendTestAsync(int id, long chatId, CancellationToken ct = default)
    {
        if (channels.FirstOrDefault() is not { IsAvailable: true } channel)
        {
            return "Бот выключен (нет Telegram:BotToken) — тест отправить некуда.";
        }

        var broadcast = await FindAsync(id, ct);
        if (broadcast is null)
        {
            return "Рассылка не найдена.";
        }

        foreach (var language in broadcast.TextEn is null ? new[] { "ru" } : ["ru", "en"])
        {
            await channel.WaitForTurnAsync(ct);
            var result = await channel.SendAsync(new BroadcastMessage(broadcast.Id, chatId, broadcast.TextFor(language), language,
                broadcast.Photo, broadcast.PhotoContentType, null, broadcast.ButtonKind, broadcast.ButtonTextFor(language), broadcast.ButtonUrl, broadcast.ButtonDate), ct);
            if (result.Outcome != BroadcastSendOutcome.Sent)
            {
                return result.Outcome == BroadcastSendOutcome.Blocked
                    ? "Telegram не доставил: напишите боту /start со своего аккаунта и попробуйте снова."
                    : $"Telegram не принял сообщение: {result.Error}";
            }
        }

        return null;
    }

    public static BroadcastInput InputOf(Broadcast b) => new()
    {
        Title = b.Title,
        Text = b.Text,
        TextEn = b.TextEn,
        ButtonKind = b.ButtonKind,
        ButtonText = b.ButtonText,
        ButtonTextEn = b.ButtonTextEn,
        ButtonUrl = b.ButtonUrl,
        ButtonDate = b.ButtonDate,
        PromotionId = b.PromotionId,
        Audience = AudienceFilter.FromJson(b.AudienceJson),
        Photo = b.Photo,
    };

    public Task<(int Telegram, int Sms)> CountAsync(AudienceFilter filter, CancellationToken ct = default) => audiences.CountAsync(filter, ct);

    public async Task<BroadcastProgress?> ProgressAsync(int id, CancellationToken ct = default)
    {
        var broadcast = await db.Broadcasts.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (broadcast is null)
        {
            return null;
        }

        var counts = await db.BroadcastDeliveries.Where(d => d.BroadcastId == id).GroupBy(d => d.State)
            .Select(g => new { State = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.State, x => x.Count, ct);
        int Of(DeliveryState state) => counts.GetValueOrDefault(state);
        var now = Now;
        var window = TimeSpan.FromSeconds(60);
        var since = now - window;
        var recent = await db.BroadcastDeliveries.CountAsync(d => d.BroadcastId == id && d.DoneAtUtc != null && d.DoneAtUtc >= since, ct);
        var elapsed = broadcast.StartedAtUtc is { } started ? now - started : TimeSpan.Zero;
        var seconds = Math.Min(window.TotalSeconds, Math.Max(1, elapsed.TotalSeconds));
        var rate = recent / seconds;
        var remaining = Of(DeliveryState.Pending) + Of(DeliveryState.Claimed);
        TimeSpan? eta = remaining == 0 ? TimeSpan.Zero
            : broadcast.Status is BroadcastStatus.Sending or BroadcastStatus.Scheduled ? TimeSpan.FromSeconds(remaining / (rate > 0.5 ? rate : options.Value.ExpectedMessagesPerSecond))
            : null;
        var errors = await db.BroadcastDeliveries
            .Where(d => d.BroadcastId == id && d.Error != null && d.State != DeliveryState.Sent && d.State != DeliveryState.Skipped)
            .GroupBy(d => d.Error!).Select(g => new { Error = g.Key, Count = g.Count() })
            .OrderByDescending(x => x.Count).Take(10).ToListAsync(ct);
        return new BroadcastProgress(broadcast, remaining, Of(DeliveryState.Sent), Of(DeliveryState.Failed), Of(DeliveryState.Blocked),
            Of(DeliveryState.Skipped), Of(DeliveryState.Unknown), rate, eta, [.. errors.Select(e => (e.Error, e.Count))]);
    }

    /// <summary>Broadcasts newest first with their reach and the orders and bookings their recipients made within 48 hours of the start.</summary>
    public async Task<List<BroadcastReach>> HistoryAsync(int take = 50, CancellationToken ct = default)
    {
        var list = await db.Broadcasts.AsNoTracking().OrderByDescending(b => b.Id).Take(take)
            .Select(b => new Broadcast
            {
                Id = b.Id, Title = b.Title, Text = "", AudienceJson = b.AudienceJson, Status = b.Status, ScheduledAtUtc = b.ScheduledAtUtc,
                StartedAtUtc = b.StartedAtUtc, FinishedAtUtc = b.FinishedAtUtc, Recipients = b.Recipients, CreatedBy = b.CreatedBy,
                CreatedAtUtc = b.CreatedAtUtc, UpdatedAtUtc = b.UpdatedAtUtc, LastError = b.LastError, PromotionId = b.PromotionId,
            }).ToListAsync(ct);
        var result = new List<BroadcastReach>();
        foreach (var b in list)
        {
            var sent = await db.BroadcastDeliveries.CountAsync(d => d.BroadcastId == b.Id && d.State == DeliveryState.Sent, ct);
            if (b.StartedAtUtc is not { } from || sent == 0)
            {
                result.Add(new BroadcastReach(b, sent, 0, 0));
                continue;
            }

            var to = from.AddHours(ReachHours);
            var reached = db.BroadcastDeliveries.Where(d => d.BroadcastId == b.Id && d.State == DeliveryState.Sent).Select(d => d.CustomerId);
            var orders = await db.Orders.CountAsync(o => reached.Contains(o.CustomerId) && o.CreatedAtUtc >= from && o.CreatedAtUtc < to, ct);
            var bookings = await db.Bookings.CountAsync(k => k.CustomerId != null && reached.Contains(k.CustomerId.Value) && k.CreatedAtUtc >= from && k.CreatedAtUtc < to, ct);
            result.Add(new BroadcastReach(b, sent, orders, bookings));
        }

        return result;
    }

    public Task<List<SavedAudience>> SavedAudiencesAsync(CancellationToken ct = default) =>
        db.SavedAudiences.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);

    public async Task<string?> SaveAudienceAsync(string? name, AudienceFilter filter, string staff, CancellationToken ct = default)
    {
        var clean = name?.Trim() ?? "";
        if (clean.Length is 0 or > 100)
        {
            return "Название аудитории — от 1 до 100 символов.";
        }

        if ((await ValidateAudienceAsync(filter, ct)).FirstOrDefault() is { } problem)
        {
            return problem;
        }

        var existing = await db.SavedAudiences.SingleOrDefaultAsync(a => a.Name == clean, ct);
        if (existing is null)
        {
            db.SavedAudiences.Add(new SavedAudience { Name = clean, AudienceJson = filter.ToJson(), CreatedBy = staff, CreatedAtUtc = Now });
        }
        else
        {
            existing.AudienceJson = filter.ToJson();
        }

        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task DeleteAudienceAsync(int id, CancellationToken ct = default)
    {
        if (await db.SavedAudiences.SingleOrDefaultAsync(a => a.Id == id, ct) is { } audience)
        {
            db.SavedAudiences.Remove(audience);
            await db.SaveChangesAsync(ct);
        }
    }
}
