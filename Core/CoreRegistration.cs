using HookahLounge.Core.Analytics;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Notifications;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Chats;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Data.Seed;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Promotions;
using HookahLounge.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HookahLounge.Core;

public static class CoreRegistration
{
    /// <summary>The domain, its rules and persistence: everything the Site, Admin and Bot call.</summary>
    public static IHostApplicationBuilder AddCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddOptions<LoungeOptions>().BindConfiguration(LoungeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<LoungeOptions>, LoungeOptionsValidator>();
        services.AddOptions<StaffAccountOptions>().BindConfiguration(StaffAccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OpeningHoursCache>();
        services.AddSingleton<LoungeProfile>();
        services.AddScoped<OpeningScheduleStore>();
        services.AddLoungeDatabase(builder.Configuration, builder.Environment.ContentRootPath);

        // First hosted service: the schema is current before the bot or the scheduler start.
        services.AddHostedService<DatabaseInitializer>();
        services.AddScoped<DemoData>();
        services.AddScoped<HistorySeeder>();
        services.AddHostedService<OpeningHoursRefresher>();

        services.AddScoped<IPasswordHasher<StaffUser>, PasswordHasher<StaffUser>>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<CustomerDirectory>();
        services.AddScoped<GuestHistory>();
        services.AddScoped<GuestRecords>();
        services.AddScoped<CustomerMerger>();
        services.AddScoped<ChatSessions>();
        services.AddScoped<UpdateInbox>();
        services.AddSingleton<PollingLease>();
        services.AddScoped<MenuCatalog>();
        services.AddScoped<MenuEditor>();
        services.AddScoped<MenuLibrary>();
        services.AddScoped<PromotionBoard>();
        services.AddScoped<LoungeOverview>();
        services.AddScoped<LoungeAnalytics>();
        services.AddScoped<OrderService>();
        services.AddScoped<StopListMisses>();
        services.AddScoped<BookingService>();
        services.AddScoped<BookingSettingsStore>();
        services.AddScoped<TableAvailability>();
        services.AddScoped<BookingReminders>();
        services.AddScoped<FloorPlan>();
        services.AddScoped<FloorStatus>();
        services.AddOptions<FloorOptions>().BindConfiguration(FloorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Audit.AuditLog>();
        services.AddSingleton<Content.LocalContentChanges>();
        services.AddSingleton<Content.PublicContentVersion>();
        services.AddSingleton(typeof(Content.ContentCache<>));
        services.AddScoped<Content.ContentVersions>();
        services.AddScoped<Content.SitePhotos>();
        services.AddScoped<Menu.IMenuChangeListener>(sp => sp.GetRequiredService<Content.ContentVersions>());
        services.AddScoped<Visits.VisitService>();
        services.AddScoped<Visits.OpenVisitsSeen>();
        services.AddOptions<Broadcasts.BroadcastOptions>().BindConfiguration(Broadcasts.BroadcastOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Broadcasts.PromoConsent>();
        services.AddScoped<Broadcasts.AudienceQuery>();
        services.AddScoped<Broadcasts.BroadcastService>();
        services.AddScoped<Broadcasts.BroadcastSender>();
        services.TryAddSingleton<Broadcasts.IBroadcastKick, Broadcasts.NoBroadcastKick>();

        // Notifications: outbox rows written with the change, drained by the dispatcher.
        services.AddLocalization();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StaffChatOptions>().BindConfiguration("Telegram");
        services.AddOptions<Bookings.PublicBookingOptions>().BindConfiguration(Bookings.PublicBookingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<Notifier>();
        services.AddScoped<OutboxProcessor>();
        services.AddScoped<OutboxAdmin>();
        services.AddHttpClient<INotificationChannel, SmscSmsChannel>(http => http.Timeout = TimeSpan.FromSeconds(30));
        if (builder.Configuration.GetValue($"{NotificationOptions.Section}:DispatcherEnabled", true))
        {
            services.AddHostedService<OutboxDispatcher>();
        }
        return builder;
    }
}
