using HookahLounge.Core.Bookings;
using HookahLounge.Core.Chats;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Notifications;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Promotions;
using HookahLounge.Core.Staff;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Data;

/// <summary>
/// The one model of the lounge. Each provider has a derived context so that each keeps its own
/// migration set; services depend on this base type only.
/// </summary>
/// <remarks>
/// Add a migration to both providers:
/// <code>
/// dotnet ef migrations add Name --project Core --context PostgresLoungeDbContext --output-dir Data/Migrations/Postgres
/// dotnet ef migrations add Name --project Core --context SqliteLoungeDbContext --output-dir Data/Migrations/Sqlite
/// </code>
/// </remarks>
public abstract class LoungeDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<CustomerEvent> CustomerEvents => Set<CustomerEvent>();

    public DbSet<MenuCategory> MenuCategories => Set<MenuCategory>();

    public DbSet<MenuItem> MenuItems => Set<MenuItem>();

    public DbSet<MenuOptionGroup> MenuOptionGroups => Set<MenuOptionGroup>();

    public DbSet<MenuOptionValue> MenuOptionValues => Set<MenuOptionValue>();

    public DbSet<MenuItemOptionGroup> MenuItemOptionGroups => Set<MenuItemOptionGroup>();

    public DbSet<MenuPhoto> MenuPhotos => Set<MenuPhoto>();

    public DbSet<Zone> Zones => Set<Zone>();

    public DbSet<LoungeTable> Tables => Set<LoungeTable>();

    public DbSet<Booking> Bookings => Set<Booking>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> OrderLines => Set<OrderLine>();

    public DbSet<OrderStatusChange> OrderStatusChanges => Set<OrderStatusChange>();

    public DbSet<StopListMiss> StopListMisses => Set<StopListMiss>();

    public DbSet<BookingStatusChange> BookingStatusChanges => Set<BookingStatusChange>();

    public DbSet<Promotion> Promotions => Set<Promotion>();

    public DbSet<Content.PromotionPhoto> PromotionPhotos => Set<Content.PromotionPhoto>();

    public DbSet<Content.SitePhoto> SitePhotos => Set<Content.SitePhoto>();

    public DbSet<Visits.Visit> Visits => Set<Visits.Visit>();

    public DbSet<Visits.ServiceCall> ServiceCalls => Set<Visits.ServiceCall>();

    public DbSet<ChatSession> ChatSessions => Set<ChatSession>();

    public DbSet<ProcessedUpdate> ProcessedUpdates => Set<ProcessedUpdate>();

    public DbSet<InboxUpdate> BotInbox => Set<InboxUpdate>();

    public DbSet<SendBudgetState> SendBudget => Set<SendBudgetState>();

    public DbSet<StaffUser> StaffUsers => Set<StaffUser>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<WeeklyHours> WeeklyHours => Set<WeeklyHours>();

    public DbSet<OpeningException> OpeningExceptions => Set<OpeningException>();

    public DbSet<BookingSettings> BookingSettings => Set<BookingSettings>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();

    public DbSet<Broadcasts.Broadcast> Broadcasts => Set<Broadcasts.Broadcast>();

    public DbSet<Broadcasts.BroadcastDelivery> BroadcastDeliveries => Set<Broadcasts.BroadcastDelivery>();

    public DbSet<Broadcasts.SavedAudience> SavedAudiences => Set<Broadcasts.SavedAudience>();

    public DbSet<Broadcasts.ConsentChange> ConsentChanges => Set<Broadcasts.ConsentChange>();

    /// <summary>True on PostgreSQL, where row locks and advisory locks exist.</summary>
    public bool IsPostgres => Database.IsNpgsql();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LoungeDbContext).Assembly);
}

public sealed class PostgresLoungeDbContext(DbContextOptions<PostgresLoungeDbContext> options) : LoungeDbContext(options);

public sealed class SqliteLoungeDbContext(DbContextOptions<SqliteLoungeDbContext> options) : LoungeDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no time zone aware type: values go in as UTC text and must come back marked as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
