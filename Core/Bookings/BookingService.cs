using System.Globalization;
using System.Net;
using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Notifications;
using HookahLounge.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Bookings;

public enum BookingError
{
    None,
    NotFound,
    NotAllowed,
    ReasonRequired,
    PartySize,
    Duration,
    Closed,
    OutsideHours,
    TooSoon,
    TooFarAhead,
    NameMissing,
    PhoneInvalid,
    ConsentMissing,
    TableUnsuitable,
    SlotTaken,

    /// <summary>Later than the lounge holds a table; the guest should call.</summary>
    TooLate,

    /// <summary>The same request again (e.g. a second "running late"): nothing changed.</summary>
    AlreadyDone,

    /// <summary>The daily limit of site bookings for this phone or address is used up.</summary>
    TooManyBookings,

    /// <summary>The one-time code does not match (or too many wrong ones were tried).</summary>
    CodeInvalid,

    /// <summary>Staff stopped this guest from booking online (e.g. repeated no-shows); the guest is asked to call.</summary>
    Blocked,

    /// <summary>The start has already passed in lounge time (staff typed a past date or time).</summary>
    InPast,

    /// <summary>The booking's confirmation link is older than <see cref="PublicBookingOptions.CodeValidMinutes"/> (or the booking is over).</summary>
    LinkExpired,
}

public sealed record BookingResult(BookingError Error, Booking? Booking = null, string? Detail = null)
{
    public bool Succeeded => Error == BookingError.None;

    /// <summary>With <see cref="BookingError.SlotTaken"/>: the nearest free starts that day (local time).</summary>
    public IReadOnlyList<DateTime> Alternatives { get; init; } = [];
}

/// <summary>A booking as a guest or staff member asks for it. <see cref="Date"/> is the business date; a time after midnight belongs to its night.</summary>
public sealed record BookingRequest(
    DateOnly Date,
    TimeOnly Time,
    int PartySize,
    int DurationMinutes,
    BookingSource Source,
    string GuestName,
    string? GuestPhone,
    int? CustomerId = null,
    int? ZoneId = null,
    int? TableId = null,
    string? Comment = null,
    bool ConsentGiven = false,
    string? ClientIp = null)
{
    /// <summary>Guests are held to lead time, horizon and consent; staff entering a phone booking are not.</summary>
    public bool ByGuest => Source is BookingSource.Site or BookingSource.Bot;
}

/// <summary>
/// Booking use cases: creating and moving bookings under the availability rules, and status changes, each
/// with the news it carries to the guest and the staff chat. No double booking: the free-table check and
/// the insert run in one serialised transaction, and on PostgreSQL an exclusion constraint backs it up.
/// </summary>
public sealed class BookingService(
    LoungeDbContext db,
    Notifier notifier,
    LoungeProfile lounge,
    TableAvailability availability,
    BookingSettingsStore settingsStore,
    Microsoft.Extensions.Options.IOptions<PublicBookingOptions> publicOptions,
    TimeProvider time)
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>The bot's <c>/start</c> payload that confirms a site booking is this prefix and the booking's Telegram token.</summary>
    public const string TelegramLinkPrefix = "bk_";

    /// <summary>
    /// The one-time token of a booking's "confirm in Telegram" link: derived one-way from the private page's
    /// access token, so the page can show it again while Telegram, which sees the link, cannot open the page.
    /// 32 URL-safe characters (192 bits) fit both a <c>/start</c> payload and a button's callback data.
    /// </summary>
    public static string TelegramToken(Booking booking) =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.ASCII.GetBytes($"telegram-confirm:{booking.AccessToken}")))[..32];

    private static string TokenHash(string token) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))).ToLowerInvariant();

    /// <summary>
    /// The site booking behind a "confirm in Telegram" token: <see cref="BookingError.None"/> while it waits for
    /// confirmation, <see cref="BookingError.AlreadyDone"/> once confirmed, <see cref="BookingError.LinkExpired"/>
    /// when the link is too old or the booking no longer holds its table, <see cref="BookingError.NotFound"/> for
    /// anything else (a forged or mistyped token).
    /// </summary>
    public async Task<BookingResult> FindByTelegramTokenAsync(string? token, CancellationToken ct = default) =>
        await LookUpTelegramTokenAsync(token, tracked: false, ct);

    /// <summary>
    /// The guest confirmed their site booking in the bot: the booking counts as real, belongs to the Telegram
    /// guest from now on (the phone joins their record, which merges the phone-only record of the booking), and
    /// the guest and the staff chat hear of it as of any new booking. One use; forged or stale tokens change nothing.
    /// </summary>
    public async Task<BookingResult> VerifyByTelegramAsync(string? token, Customers.Customer guest, CancellationToken ct = default)
    {
        var found = await LookUpTelegramTokenAsync(token, tracked: true, ct);
        if (found is not { Succeeded: true, Booking: { } booking })
        {
            return found;
        }

        var settings = await settingsStore.GetAsync(ct);
        booking.AwaitingVerification = false;
        booking.Version++;
        if (settings.AutoConfirm && booking.Status == BookingStatus.New)
        {
            booking.Status = BookingStatus.Confirmed;
        }

        booking.CustomerId = guest.Id;
        booking.Customer = guest;
        if (guest.Phone is null && booking.GuestPhone is { } phone)
        {
            // Saved with the booking; the phone merge joins the booking's phone-only record to this guest.
            guest.Phone = phone;
        }

        guest.Name ??= booking.GuestName;
        await AnnounceNewAsync(booking, ct);

        // Confirmed or cancelled meanwhile (staff, or a second tap elsewhere): the version check fails the save,
        // and the bot's pipeline runs the update again, which then finds the booking as it is now.
        await db.SaveChangesAsync(ct);
        return new(BookingError.None, booking);
    }

    private async Task<BookingResult> LookUpTelegramTokenAsync(string? token, bool tracked, CancellationToken ct)
    {
        if (token is not { Length: 32 } || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return new(BookingError.NotFound);
        }

        var hash = TokenHash(token);
        var query = db.Bookings.Include(b => b.Table).Where(b => b.TelegramTokenHash == hash);
        var booking = await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(ct);
        if (booking is null)
        {
            return new(BookingError.NotFound);
        }

        if (!booking.AwaitingVerification && booking.HoldsTable)
        {
            return new(BookingError.AlreadyDone, booking);
        }

        var expired = booking.CreatedAtUtc.AddMinutes(publicOptions.Value.CodeValidMinutes) <= time.GetUtcNow().UtcDateTime;
        return booking.AwaitingVerification && booking.Status == BookingStatus.New && !expired
            ? new(BookingError.None, booking)
            : new(BookingError.LinkExpired, booking);
    }

    /// <summary>The booking behind a guest's private link; null when the code or token do not match.</summary>
    public async Task<Booking?> FindByLinkAsync(string code, string token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(token) || code.Length > 12 || token.Length > 64)
        {
            return null;
        }

        var booking = await db.Bookings.AsNoTracking().Include(b => b.Table).ThenInclude(t => t!.Zone)
            .SingleOrDefaultAsync(b => b.Code == code.ToUpperInvariant(), ct);
        return booking is not null
               && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                   System.Text.Encoding.ASCII.GetBytes(booking.AccessToken), System.Text.Encoding.ASCII.GetBytes(token))
            ? booking
            : null;
    }

    /// <summary>When a late guest's table is given away (local time).</summary>
    public async Task<DateTime> HeldUntilLocalAsync(Booking booking, CancellationToken ct = default) =>
        HeldUntilLocal(booking, await settingsStore.GetAsync(ct));

    /// <summary>Bookings that start within a business day, for the staff's day view.</summary>
    public Task<List<Booking>> ForBusinessDayAsync(DateOnly date, CancellationToken ct = default)
    {
        var (from, to) = lounge.BusinessDayUtc(date);
        return db.Bookings.AsNoTracking().Include(b => b.Table).ThenInclude(t => t!.Zone).Include(b => b.Customer)
            .Where(b => b.StartUtc >= from && b.StartUtc < to)
            .OrderBy(b => b.StartUtc).ThenBy(b => b.Id)
            .ToListAsync(ct);
    }

    public Task<Booking?> FindAsync(int id, CancellationToken ct = default) =>
        db.Bookings.AsNoTracking().Include(b => b.Table).Include(b => b.Customer).SingleOrDefaultAsync(b => b.Id == id, ct);

    /// <summary>Staff correct the guest's name, phone or comment; times and tables change through <see cref="RescheduleAsync"/>.</summary>
    public async Task<BookingResult> UpdateDetailsAsync(int bookingId, string guestName, string? guestPhone, string? comment, CancellationToken ct = default)
    {
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
        {
            return new(BookingError.NotFound);
        }

        if (string.IsNullOrWhiteSpace(guestName) || guestName.Trim().Length > 100)
        {
            return new(BookingError.NameMissing, booking);
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(guestPhone) && !Customers.PhoneNumber.TryNormalize(guestPhone, out phone!))
        {
            return new(BookingError.PhoneInvalid, booking);
        }

        booking.GuestName = guestName.Trim();
        booking.GuestPhone = phone;
        booking.Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        booking.Version++;
        await db.SaveChangesAsync(ct);
        return new(BookingError.None, booking);
    }

    /// <summary>The guest answered the reminder "yes, I'll come"; staff see it on the booking.</summary>
    public async Task<BookingResult> MarkAttendingAsync(int bookingId, int customerId, CancellationToken ct = default)
    {
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId && b.CustomerId == customerId, ct);
        if (booking is null)
        {
            return new(BookingError.NotFound);
        }

        if (booking.Status is not (BookingStatus.New or BookingStatus.Confirmed))
        {
            return new(BookingError.NotAllowed, booking);
        }

        booking.AttendanceConfirmedAtUtc ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new(BookingError.None, booking);
    }

    /// <summary>
    /// The guest is running late by <paramref name="minutes"/>: the hold is extended up to the configured limit,
    /// staff are told, and a second notice changes nothing.
    /// </summary>
    public async Task<BookingResult> MarkRunningLateAsync(int bookingId, int customerId, int minutes, CancellationToken ct = default)
    {
        var booking = await db.Bookings.Include(b => b.Table).SingleOrDefaultAsync(b => b.Id == bookingId && b.CustomerId == customerId, ct);
        if (booking is null)
        {
            return new(BookingError.NotFound);
        }

        if (booking.Status is not (BookingStatus.New or BookingStatus.Confirmed) || !CanReportLate(booking, time.GetUtcNow().UtcDateTime))
        {
            return new(BookingError.NotAllowed, booking);
        }

        var settings = await settingsStore.GetAsync(ct);
        if (minutes <= 0 || minutes > Math.Max(settings.MaxLateMinutes, settings.HoldMinutes))
        {
            return new(BookingError.TooLate, booking);
        }

        if (booking.LateMinutes is not null)
        {
            return new(BookingError.AlreadyDone, booking);
        }

        booking.RunningLateAtUtc = time.GetUtcNow().UtcDateTime;
        booking.LateMinutes = minutes;
        booking.Version++;
        var heldUntil = HeldUntilLocal(booking, settings);
        var late = $"⏱ опаздывает на {minutes} мин, держим до {heldUntil:HH:mm}";
        await notifier.ToStaffAsync(
            $"booking:{booking.Id}:late",
            $"⏱ Гость опаздывает на {minutes} мин: бронь {Html(booking.Code)}, {When(booking)}, {Html(booking.GuestName)}"
            + (booking.Table is { } table ? $", стол {table.Number}" : "") + $". Держим до {heldUntil:HH:mm}.", [], ct);
        await UpdateStaffCardAsync(booking, late, $"booking:{booking.Id}:late", ct);
        await db.SaveChangesAsync(ct);
        return new(BookingError.None, booking);
    }

    /// <summary>"Running late" makes sense from a few hours before the start until the booking ends.</summary>
    public static bool CanReportLate(Booking booking, DateTime nowUtc) =>
        nowUtc >= booking.StartUtc - LateNoticeWindow && nowUtc < booking.EndUtc;

    private static readonly TimeSpan LateNoticeWindow = TimeSpan.FromHours(3);

    /// <summary>Until when a late guest's table is held: the usual hold, or longer when the guest said they would be late.</summary>
    public DateTime HeldUntilLocal(Booking booking, BookingSettings settings) =>
        lounge.ToLocal(booking.StartUtc).AddMinutes(Math.Max(settings.HoldMinutes, booking.LateMinutes ?? 0));

    public async Task<BookingResult> CreateAsync(BookingRequest request, CancellationToken ct = default)
    {
        var settings = await settingsStore.GetAsync(ct);
        var (error, phone, localStart) = Validate(request, settings);
        if (error != BookingError.None)
        {
            return new(error);
        }

        // One guest record per person: a site or phone booking joins the record that already has the phone.
        var customerId = request.CustomerId;
        if (customerId is { } id)
        {
            if (request.ByGuest && await db.Customers.AnyAsync(c => c.Id == id && c.BookingBlockedAtUtc != null, ct))
            {
                return new(BookingError.Blocked);
            }
        }
        else if (phone is not null)
        {
            var known = await db.Customers.AsNoTracking()
                .Where(c => c.Phone == phone && c.AnonymisedAtUtc == null)
                .OrderByDescending(c => c.TelegramUserId != null).ThenBy(c => c.Id)
                .Select(c => new { c.Id, c.BookingBlockedAtUtc })
                .FirstOrDefaultAsync(ct);
            if (known is not null && request.ByGuest && known.BookingBlockedAtUtc is not null)
            {
                return new(BookingError.Blocked);
            }

            customerId = known?.Id;
        }

        return await SecureTableAsync(request, settings, localStart!.Value, existing: null, ct, booking =>
        {
            booking.GuestName = request.GuestName.Trim();
            booking.GuestPhone = phone;
            booking.CustomerId = customerId;
            if (customerId is null && phone is not null)
            {
                booking.Customer = new Customers.Customer { Phone = phone, Name = request.GuestName.Trim(), CreatedAtUtc = time.GetUtcNow().UtcDateTime };
            }

            booking.PartySize = request.PartySize;
            booking.Comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
            booking.Source = request.Source;
            booking.ConsentAtUtc = request.ConsentGiven ? time.GetUtcNow().UtcDateTime : null;
            booking.ClientIp = request.ClientIp is { Length: <= 45 } ip ? ip : null;
            booking.AwaitingVerification = request.Source == BookingSource.Site;
        });
    }

    /// <summary>
    /// The guest of a site booking types the one-time code from the SMS: the booking counts as real from
    /// now on, and the guest and the staff chat hear of it as of any new booking.
    /// </summary>
    public async Task<BookingResult> VerifyAsync(int bookingId, string? code, CancellationToken ct = default)
    {
        var booking = await db.Bookings.Include(b => b.Customer).SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
        {
            return new(BookingError.NotFound);
        }

        if (!booking.AwaitingVerification)
        {
            return new(BookingError.None, booking);
        }

        if (!booking.HoldsTable || booking.VerificationCodeHash is null || booking.VerificationAttempts >= publicOptions.Value.MaxCodeAttempts)
        {
            return new(BookingError.CodeInvalid, booking);
        }

        booking.VerificationAttempts++;
        if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(HashCode(booking, (code ?? "").Trim())), System.Text.Encoding.ASCII.GetBytes(booking.VerificationCodeHash)))
        {
            await db.SaveChangesAsync(ct);
            return new(BookingError.CodeInvalid, booking);
        }

        var settings = await settingsStore.GetAsync(ct);
        booking.AwaitingVerification = false;
        booking.VerificationCodeHash = null;
        booking.Version++;
        if (settings.AutoConfirm && booking.Status == BookingStatus.New)
        {
            booking.Status = BookingStatus.Confirmed;
        }

        await AnnounceNewAsync(booking, ct);
        await db.SaveChangesAsync(ct);
        return new(BookingError.None, booking);
    }

    /// <summary>
    /// Site bookings whose SMS code was never typed (or whose Telegram link was never used) give their tables back
    /// after <see cref="PublicBookingOptions.CodeValidMinutes"/>, quietly: nobody vouched for the phone, so it is not texted.
    /// </summary>
    public async Task<int> ExpireUnconfirmedCodesAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var before = now.AddMinutes(-publicOptions.Value.CodeValidMinutes);
        var stale = await db.Bookings
            .Where(b => b.AwaitingVerification && (b.VerificationCodeHash != null || b.TelegramTokenHash != null) && b.Status == BookingStatus.New && b.CreatedAtUtc < before)
            .ToListAsync(ct);
        foreach (var booking in stale)
        {
            booking.Status = BookingStatus.Cancelled;
            booking.CancelReason = booking.VerificationCodeHash is not null ? "Код из SMS не введён вовремя" : "Не подтверждена в Telegram вовремя";
            booking.Version++;
            db.Add(new BookingStatusChange
            {
                BookingId = booking.Id,
                From = BookingStatus.New,
                To = BookingStatus.Cancelled,
                ByKind = ActorKind.System,
                ByName = Actor.System.Name,
                Reason = booking.CancelReason,
                AtUtc = now,
            });
        }

        await db.SaveChangesAsync(ct);
        return stale.Count;
    }

    private static string HashCode(Booking booking, string code) => Convert.ToHexString(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{booking.AccessToken}:{code}"))).ToLowerInvariant();

    /// <summary>Site bookings today from this phone or address, counted inside the booking's transaction.</summary>
    private async Task<bool> OverPublicLimitAsync(BookingRequest request, string? phone, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            // Parallel site bookings queue here, so two cannot both pass the count.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7310001)", ct);
        }

        var (from, to) = lounge.CurrentBusinessDayUtc;
        var today = db.Bookings.Where(b => b.Source == BookingSource.Site && b.CreatedAtUtc >= from && b.CreatedAtUtc < to);
        var limits = publicOptions.Value;
        return (phone is not null && await today.CountAsync(b => b.GuestPhone == phone, ct) >= limits.PerPhonePerDay)
               || (request.ClientIp is { } ip && await today.CountAsync(b => b.ClientIp == ip, ct) >= limits.PerIpPerDay);
    }

    /// <summary>
    /// Moves a booking to another time, duration or table under the same rules. The old slot is given up
    /// only in the same transaction that secures the new one.
    /// </summary>
    public async Task<BookingResult> RescheduleAsync(int bookingId, DateOnly date, TimeOnly startTime, int durationMinutes, int? tableId, Actor actor, CancellationToken ct = default, int? partySize = null)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
        {
            return new(BookingError.NotFound);
        }

        var isOwner = actor.Kind == ActorKind.Guest && booking.CustomerId is not null && booking.CustomerId == actor.CustomerId;
        if (!booking.HoldsTable || booking.Status == BookingStatus.Seated || (actor.Kind == ActorKind.Guest && !isOwner))
        {
            return new(BookingError.NotAllowed, booking, booking.Status.ToString());
        }

        var settings = await settingsStore.GetAsync(ct);
        var party = partySize ?? booking.PartySize;
        var request = new BookingRequest(date, startTime, party, durationMinutes, actor.Kind == ActorKind.Guest ? BookingSource.Bot : BookingSource.Admin,
            booking.GuestName, booking.GuestPhone, booking.CustomerId, TableId: tableId, ConsentGiven: true);
        var (error, _, localStart) = Validate(request, settings, keptStartUtc: booking.StartUtc);
        if (error != BookingError.None)
        {
            return new(error, booking);
        }

        return await SecureTableAsync(request, settings, localStart!.Value, booking.Id, ct, moved => moved.PartySize = party);
    }

    /// <param name="keptStartUtc">A moved booking's current start: keeping it (a late guest's table changed) is no booking in the past.</param>
    private (BookingError Error, string? Phone, DateTime? LocalStart) Validate(BookingRequest request, BookingSettings settings, DateTime? keptStartUtc = null)
    {
        if (request.PartySize < 1 || request.PartySize > settings.MaxPartySize)
        {
            return (BookingError.PartySize, null, null);
        }

        if (request.DurationMinutes < settings.MinDurationMinutes || request.DurationMinutes > settings.MaxDurationMinutes
            || request.DurationMinutes % settings.DurationStepMinutes != 0)
        {
            return (BookingError.Duration, null, null);
        }

        if (string.IsNullOrWhiteSpace(request.GuestName) || request.GuestName.Trim().Length > 100)
        {
            return (BookingError.NameMissing, null, null);
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(request.GuestPhone))
        {
            if (!Customers.PhoneNumber.TryNormalize(request.GuestPhone, out var normalized))
            {
                return (BookingError.PhoneInvalid, null, null);
            }

            phone = normalized;
        }

        // Without Telegram the phone is the only way to reach the guest.
        if (phone is null && request.CustomerId is null)
        {
            return (BookingError.PhoneInvalid, null, null);
        }

        if (request.Source == BookingSource.Site && !request.ConsentGiven)
        {
            return (BookingError.ConsentMissing, null, null);
        }

        if (availability.LocalStartOn(request.Date, request.Time) is not { } localStart)
        {
            return (BookingError.Closed, null, null);
        }

        if (availability.CheckTime(settings, request.Date, localStart, request.DurationMinutes, request.ByGuest) is { } timeError
            && !(timeError == BookingError.InPast && keptStartUtc == lounge.ToUtc(localStart)))
        {
            return (timeError, null, null);
        }

        return (BookingError.None, phone, localStart);
    }

    private async Task<BookingResult> SecureTableAsync(
        BookingRequest request, BookingSettings settings, DateTime localStart, int? existing, CancellationToken ct, Action<Booking> fill)
    {
        var startUtc = lounge.ToUtc(localStart);
        var endUtc = startUtc.AddMinutes(request.DurationMinutes);
        var tables = await availability.FittingTablesAsync(request.PartySize, request.ZoneId, ct);
        if (request.TableId is { } wanted)
        {
            tables = [.. tables.Where(t => t.Id == wanted)];
            if (tables.Count == 0)
            {
                return new(BookingError.TableUnsuitable);
            }
        }

        // Inside a caller's transaction (a bot update) the work joins it; otherwise it gets its own.
        var ambient = db.Database.CurrentTransaction is not null;
        BookingResult result = new(BookingError.SlotTaken);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                result = ambient
                    ? await InsertAsync(ct)
                    : await db.Database.CreateExecutionStrategy().ExecuteAsync(async cancel =>
                    {
                        db.ChangeTracker.Clear();

                        // SQLite: BEGIN IMMEDIATE takes the write lock, so check-then-insert cannot interleave.
                        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
                        var inserted = await InsertAsync(cancel);
                        await transaction.CommitAsync(cancel);
                        return inserted;
                    }, ct);
                break;
            }
            catch (DbUpdateConcurrencyException) when (existing is not null)
            {
                // The booking was changed meanwhile (by staff or the guest): refuse rather than overwrite.
                ForgetUnsaved();
                var current = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == existing, ct);
                return new(BookingError.NotAllowed, current, current.Status.ToString());
            }
            catch (DbUpdateException ex) when (IsOverlap(ex))
            {
                // Another request took that table between our check and our insert (the exclusion
                // constraint said no): look again, another fitting table may still be free.
                ForgetUnsaved();
            }
        }

        async Task<BookingResult> InsertAsync(CancellationToken cancel)
        {
            if (existing is null && request.Source == BookingSource.Site
                && await OverPublicLimitAsync(request, request.GuestPhone is { } typed && Customers.PhoneNumber.TryNormalize(typed, out var normalized) ? normalized : null, cancel))
            {
                return new BookingResult(BookingError.TooManyBookings);
            }

            var busy = await availability.BusyAsync([.. tables.Select(t => t.Id)], startUtc, endUtc, existing, cancel);
            var table = tables.FirstOrDefault(t => busy.All(b => b.TableId != t.Id));
            if (table is null)
            {
                return new BookingResult(BookingError.SlotTaken);
            }

            Booking booking;
            if (existing is { } id)
            {
                booking = await db.Bookings.SingleAsync(b => b.Id == id, cancel);
            }
            else
            {
                booking = new Booking
                {
                    Code = await NewCodeAsync(cancel),
                    AccessToken = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
                    GuestName = request.GuestName,
                    CreatedAtUtc = time.GetUtcNow().UtcDateTime,
                };
                db.Bookings.Add(booking);
            }

            fill(booking);
            booking.Version++;
            booking.StartUtc = startUtc;
            booking.EndUtc = endUtc;
            booking.TableId = table.Id;
            if (existing is null)
            {
                booking.Status = settings.AutoConfirm && !booking.AwaitingVerification ? BookingStatus.Confirmed : BookingStatus.New;
            }

            booking.ReminderSentAtUtc = null;
            await db.SaveChangesAsync(cancel);
            if (existing is null && booking.AwaitingVerification)
            {
                await AnnounceUnverifiedAsync(booking, cancel);
            }
            else if (existing is null)
            {
                await AnnounceNewAsync(booking, cancel);
            }
            else
            {
                await AnnounceMovedAsync(booking, request.ByGuest, cancel);
            }

            await db.SaveChangesAsync(cancel);
            return new BookingResult(BookingError.None, booking);
        }

        if (result.Error == BookingError.SlotTaken)
        {
            var slots = await availability.SlotsAsync(settings, request.Date, request.PartySize, request.DurationMinutes, request.ZoneId, existing, request.ByGuest, ct);
            return result with
            {
                Alternatives = [.. slots.Select(s => s.LocalStart).OrderBy(s => Math.Abs((s - localStart).Ticks)).Take(3).Order()],
            };
        }

        return result;
    }

    /// <summary>Drops what a failed attempt added or changed, keeping the rest of the unit of work (a bot update's session).</summary>
    private void ForgetUnsaved()
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is Booking or OutboxMessage or BookingStatusChange or Customers.Customer).ToList())
        {
            if (entry.State == EntityState.Added)
            {
                entry.State = EntityState.Detached;
            }
            else if (entry.State == EntityState.Modified && entry.Entity is not Customers.Customer)
            {
                entry.State = EntityState.Detached;
            }
        }
    }

    private static bool IsOverlap(DbUpdateException ex) =>
        ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ExclusionViolation };

    private async Task<string> NewCodeAsync(CancellationToken ct)
    {
        while (true)
        {
            var code = string.Create(6, 0, (span, _) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = CodeAlphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
                }
            });
            if (!await db.Bookings.AnyAsync(b => b.Code == code, ct))
            {
                return code;
            }
        }
    }

    private async Task AnnounceMovedAsync(Booking booking, bool byGuest, CancellationToken ct)
    {
        var customer = booking.CustomerId is { } id ? await db.Customers.FindAsync([id], ct) : null;
        var moveKey = $"booking:{booking.Id}:moved:{booking.StartUtc:yyyyMMddHHmm}:{booking.Version}";
        await notifier.ToGuestAsync(customer, booking.GuestPhone, moveKey,
            language => notifier.Text(language, "Booking.Moved", booking.Code, When(booking, language), booking.PartySize), ct: ct);
        await UpdateStaffCardAsync(booking, $"🔁 Перенесена{(byGuest ? " гостем" : "")}", moveKey, ct);
        if (byGuest)
        {
            await notifier.ToStaffAsync($"{moveKey}:staff-alert", $"🔁 Гость перенёс бронь {Html(booking.Code)}: теперь {When(booking)}, гостей: {booking.PartySize}.", [], ct);
        }
    }

    private static string StaffThread(Booking booking) => $"booking:{booking.Id}:staff";

    /// <summary>The booking as the staff chat shows it; <paramref name="statusLine"/> says what changed last.</summary>
    private async Task<string> StaffCardAsync(Booking booking, string? statusLine, CancellationToken ct)
    {
        var table = booking.TableId is { } tableId ? await db.Tables.AsNoTracking().Where(t => t.Id == tableId).Select(t => (int?)t.Number).SingleAsync(ct) : null;
        var title = statusLine is null ? $"📅 <b>Новая бронь {Html(booking.Code)}</b>" : $"📅 <b>Бронь {Html(booking.Code)}</b>";
        var guest = booking.CustomerId is { } customerId ? await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, ct) : null;
        var text = $"{title}\n{When(booking)}, гостей: {booking.PartySize}{(table is null ? "" : $", стол {table}")}\n"
                   + $"{Html(booking.GuestName)}{(booking.GuestPhone is { } phone ? $", {Html(phone)}" : "")}"
                   + (guest?.StaffRemarks() ?? "")
                   + (booking.Comment is { } comment ? $"\n💬 {Html(comment)}" : "");
        return statusLine is null ? text : $"{text}\n\nСтатус: <b>{StaffWording.Status(booking.Status)}</b> · {statusLine}, {lounge.LocalNow:HH:mm}";
    }

    /// <summary>Edits the booking's post in the staff chat to its current state, keeping only the buttons that still apply.</summary>
    private async Task UpdateStaffCardAsync(Booking booking, string statusLine, string eventKey, CancellationToken ct) =>
        await notifier.ToStaffAsync($"{eventKey}:staff-card", await StaffCardAsync(booking, Html(statusLine), ct), StaffButtons(booking), ct, StaffThread(booking));
    /// <summary>
    /// A site booking nobody vouched for yet: with SMS verification only the code goes out (from the SMS
    /// budget anonymous visitors may use); with bot verification nothing goes out (the booking's page links to
    /// the bot); otherwise the staff chat gets it, marked, to confirm or decline, and the guest hears nothing
    /// until staff confirm.
    /// </summary>
    private async Task AnnounceUnverifiedAsync(Booking booking, CancellationToken ct)
    {
        if (publicOptions.Value.Verification == SiteBookingVerification.Bot)
        {
            booking.TelegramTokenHash = TokenHash(TelegramToken(booking));
            return;
        }

        if (publicOptions.Value.Verification == SiteBookingVerification.Sms && booking.GuestPhone is { } phone)
        {
            var code = System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            booking.VerificationCodeHash = HashCode(booking, code);
            await notifier.ToGuestAsync(null, phone, $"booking:{booking.Id}:code",
                language => notifier.Text(language, "Booking.VerificationCode", code, booking.Code), NotificationKind.PublicRequest, ct);
            return;
        }

        var table = booking.TableId is { } tableId ? await db.Tables.AsNoTracking().Where(t => t.Id == tableId).Select(t => (int?)t.Number).SingleAsync(ct) : null;
        var text = $"📅 <b>Бронь с сайта {Html(booking.Code)}</b> — не подтверждена, позвоните гостю\n{When(booking)}, гостей: {booking.PartySize}{(table is null ? "" : $", стол {table}")}\n"
                   + $"{Html(booking.GuestName)}{(booking.GuestPhone is { } guestPhone ? $", {Html(guestPhone)}" : "")}"
                   + (booking.Comment is { } comment ? $"\n💬 {Html(comment)}" : "");
        await notifier.ToStaffAsync($"booking:{booking.Id}:staff-new", text, StaffButtons(booking), ct);
    }

    /// <summary>
    /// Announces a booking just added to the unit of work: the guest hears it was received, the staff chat
    /// gets it with Confirm / Decline buttons. The caller saves.
    /// </summary>
    public async Task AnnounceNewAsync(Booking booking, CancellationToken ct = default)
    {
        var customer = booking.Customer ?? (booking.CustomerId is { } id ? await db.Customers.FindAsync([id], ct) : null);
        var when = When(booking);
        var receivedKey = booking.Status == BookingStatus.Confirmed ? "Booking.Confirmed" : "Booking.Received";
        await notifier.ToGuestAsync(customer, booking.GuestPhone, $"booking:{booking.Id}:received",
            language => notifier.Text(language, receivedKey, booking.Code, When(booking, language), booking.PartySize), ct: ct);
        await notifier.ToStaffAsync($"booking:{booking.Id}:staff-new", await StaffCardAsync(booking, null, ct), StaffButtons(booking), ct, StaffThread(booking));
    }

    public async Task<BookingResult> ChangeStatusAsync(int bookingId, BookingAction action, Actor actor, string? reason = null, CancellationToken ct = default)
    {
        var booking = await db.Bookings.Include(b => b.Customer).SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
        {
            return new(BookingError.NotFound);
        }

        // Staff refusing a guest's booking must say why; the guest cancelling need not.
        if (action == BookingAction.Cancel && actor.Kind == ActorKind.Staff && string.IsNullOrWhiteSpace(reason))
        {
            return new(BookingError.ReasonRequired, booking);
        }

        var lifecycle = new BookingLifecycle(booking, actor);
        if (!lifecycle.CanApply(action))
        {
            return new(BookingError.NotAllowed, booking, booking.Status.ToString());
        }

        var from = booking.Status;
        lifecycle.Apply(action);
        booking.Version++;
        if (booking.Status == BookingStatus.Confirmed && actor.Kind == ActorKind.Staff)
        {
            booking.AwaitingVerification = false; // staff called the guest or trust the booking
        }

        if (booking.Status == BookingStatus.Cancelled)
        {
            booking.CancelReason = reason?.Trim();
        }

        db.Add(new BookingStatusChange
        {
            BookingId = booking.Id,
            From = from,
            To = booking.Status,
            ByKind = actor.Kind,
            ByStaffUserId = actor.StaffUserId,
            ByName = actor.Name,
            Reason = reason?.Trim(),
            AtUtc = time.GetUtcNow().UtcDateTime,
        });
        var textKey = booking.Status == BookingStatus.Cancelled && !string.IsNullOrWhiteSpace(reason) ? "Booking.CancelledWithReason" : $"Booking.{booking.Status}";
        await notifier.ToGuestAsync(booking.Customer, booking.GuestPhone, $"booking:{booking.Id}:{booking.Status}",
            language => notifier.Text(language, textKey, booking.Code, When(booking, language), booking.Status == BookingStatus.Confirmed ? booking.PartySize : Html(reason ?? "")),
            ct: ct);
        var byGuest = actor.Kind == ActorKind.Guest;
        await UpdateStaffCardAsync(booking, byGuest ? "гость" : actor.Name ?? "система", $"booking:{booking.Id}:{booking.Status}", ct);
        if (byGuest && booking.Status == BookingStatus.Cancelled)
        {
            await notifier.ToStaffAsync($"booking:{booking.Id}:staff-guest-cancel", $"❌ Гость отменил бронь {Html(booking.Code)} на {When(booking)}, гостей: {booking.PartySize}.", [], ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone else moved this booking at the same moment (version or notification key clash): theirs stands.
            ForgetUnsaved();
            var current = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == bookingId, ct);
            return new(BookingError.NotAllowed, current, current.Status.ToString());
        }

        return new(BookingError.None, booking);
    }

    /// <summary>What a walk-in is called until staff learn the guest's name.</summary>
    public const string WalkInName = "Гость без брони";

    /// <summary>A walk-in needs the table at least this long before the next booking on it.</summary>
    public const int MinWalkInMinutes = 30;

    /// <summary>
    /// A guest without a booking sits down at a free table now: a booking from now (seated at once) until the
    /// usual duration, the table's next booking or closing time, whichever comes first. Refused when the table
    /// is taken now or is needed again too soon.
    /// </summary>
    public async Task<BookingResult> SeatWalkInAsync(int tableId, int? partySize, Actor actor, string? guestName = null, CancellationToken ct = default)
    {
        var table = await db.Tables.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tableId && t.IsActive, ct);
        if (table is null)
        {
            return new(BookingError.TableUnsuitable);
        }

        var party = partySize ?? table.SeatsMin;
        var settings = await settingsStore.GetAsync(ct);
        if (party < 1 || party > settings.MaxPartySize || party < table.SeatsMin || party > table.SeatsMax)
        {
            return new(BookingError.TableUnsuitable);
        }

        var nowUtc = time.GetUtcNow().UtcDateTime;
        var startUtc = new DateTime(nowUtc.Ticks - nowUtc.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        var today = lounge.BusinessToday;
        if (lounge.Hours.SessionOn(today) is not var (opens, closes) || lounge.LocalNow < opens || lounge.LocalNow >= closes)
        {
            return new(BookingError.Closed);
        }

        var latestEnd = Min(startUtc.AddMinutes(settings.DefaultDurationMinutes), lounge.ToUtc(closes));
        var name = string.IsNullOrWhiteSpace(guestName) ? WalkInName : guestName.Trim();
        if (name.Length > 100)
        {
            return new(BookingError.NameMissing);
        }

        try
        {
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async cancel =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancel);
                var busy = await availability.BusyAsync([tableId], startUtc, latestEnd, null, cancel);
                if (busy.Any(b => b.StartUtc <= startUtc))
                {
                    return new BookingResult(BookingError.SlotTaken);
                }

                var endUtc = busy.Select(b => b.StartUtc).Append(latestEnd).Min();
                if (endUtc < startUtc.AddMinutes(MinWalkInMinutes))
                {
                    return new BookingResult(BookingError.SlotTaken) { Alternatives = [lounge.ToLocal(endUtc)] };
                }

                var booking = new Booking
                {
                    Code = await NewCodeAsync(cancel),
                    AccessToken = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
                    GuestName = name,
                    PartySize = party,
                    StartUtc = startUtc,
                    EndUtc = endUtc,
                    TableId = tableId,
                    Status = BookingStatus.Seated,
                    Source = BookingSource.Admin,
                    CreatedAtUtc = nowUtc,
                    Version = 1,
                };
                db.Bookings.Add(booking);
                await db.SaveChangesAsync(cancel);
                db.Add(new BookingStatusChange
                {
                    BookingId = booking.Id,
                    From = BookingStatus.New,
                    To = BookingStatus.Seated,
                    ByKind = actor.Kind,
                    ByStaffUserId = actor.StaffUserId,
                    ByName = actor.Name,
                    Reason = "без брони",
                    AtUtc = nowUtc,
                });
                await db.SaveChangesAsync(cancel);
                await transaction.CommitAsync(cancel);
                return new BookingResult(BookingError.None, booking);
            }, ct);
        }
        catch (DbUpdateException ex) when (IsOverlap(ex))
        {
            ForgetUnsaved();
            return new(BookingError.SlotTaken);
        }

        static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
    }

    /// <summary>
    /// Bookings a host looks up while the guest is on the phone or at the door: by code, phone (or its last
    /// digits) or name, from a week back onwards, nearest first.
    /// </summary>
    public async Task<List<Booking>> SearchAsync(string? query, int limit = 30, CancellationToken ct = default)
    {
        var q = (query ?? "").Trim();
        if (q.Length is < 2 or > 100)
        {
            return [];
        }

        var code = q.ToUpperInvariant();
        var lower = q.ToLowerInvariant();
        var capitalised = char.ToUpperInvariant(lower[0]) + lower[1..];
        var digits = new string([.. q.Where(char.IsAsciiDigit)]);
        var phone = Customers.PhoneNumber.TryNormalize(q, out var normalized) ? normalized : null;
        var (since, _) = lounge.BusinessDayUtc(lounge.BusinessToday.AddDays(-7));
        var found = await db.Bookings.AsNoTracking().Include(b => b.Table).ThenInclude(t => t!.Zone).Include(b => b.Customer)
            .Where(b => b.StartUtc >= since)
            .Where(b => b.Code == code
                        || b.GuestName.Contains(q) || b.GuestName.Contains(capitalised) || b.GuestName.ToLower().Contains(lower)
                        || (phone != null && b.GuestPhone == phone)
                        || (digits.Length >= 4 && b.GuestPhone != null && b.GuestPhone.Contains(digits)))
            .OrderBy(b => b.StartUtc).Take(200)
            .ToListAsync(ct);
        var now = lounge.UtcNow;
        return [.. found.OrderBy(b => b.EndUtc < now).ThenBy(b => Math.Abs((b.StartUtc - now).Ticks)).Take(limit)];
    }

    /// <summary>The staff-chat buttons that still apply: only a new booking waits for a decision.</summary>
    public static IReadOnlyList<IReadOnlyList<ActionButton>> StaffButtons(Booking booking) => booking.Status == BookingStatus.New
        ? [[new("✅ Подтвердить", $"staff:booking:confirm:{booking.Id}"), new("❌ Отклонить", $"staff:booking:decline:{booking.Id}")]]
        : [];

    private string When(Booking booking, string language = Notifier.StaffLanguage) =>
        lounge.ToLocal(booking.StartUtc).ToString("d MMMM, HH:mm", CultureInfo.GetCultureInfo(language));

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
