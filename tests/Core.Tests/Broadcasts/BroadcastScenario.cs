using HookahLounge.Core.Broadcasts;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Tests.Notifications;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.Broadcasts;

/// <summary>Guests, broadcasts and what reached the fake Telegram, for the broadcast tests.</summary>
internal static class BroadcastScenario
{
    public const long FirstChat = 710_000;

    /// <summary>Adds <paramref name="count"/> Telegram guests who agreed to promos; chats FirstChat + offset + i.</summary>
    public static Task<List<Customer>> AddSubscribersAsync(this NotificationHost host, int count, int offset = 0, string language = "ru") => host.WithServicesAsync(async services =>
    {
        var db = services.GetRequiredService<LoungeDbContext>();
        var added = Enumerable.Range(0, count).Select(i => new Customer
        {
            TelegramUserId = FirstChat + offset + i,
            TelegramChatId = FirstChat + offset + i,
            Name = $"Гость {offset + i}",
            Language = language,
            PromoOptIn = true,
            CreatedAtUtc = host.UtcNow,
            AgeConfirmedAtUtc = host.UtcNow,
        }).ToList();
        db.Customers.AddRange(added);
        await db.SaveChangesAsync();
        return added;
    });

    /// <summary>Saves a broadcast as staff would; fails the test on validation errors.</summary>
    public static Task<Broadcast> ComposeAsync(this NotificationHost host, string text, AudienceFilter? audience = null, int? promotionId = null) => host.WithServicesAsync(async services =>
    {
        var (broadcast, errors) = await services.GetRequiredService<BroadcastService>().SaveAsync(null, new BroadcastInput
        {
            Title = text.Length > 40 ? text[..40] : text,
            Text = text,
            Audience = audience ?? new AudienceFilter(),
            PromotionId = promotionId,
        }, "manager");
        errors.Should().BeEmpty();
        return broadcast!;
    });

    public static Task<string?> SendNowAsync(this NotificationHost host, int broadcastId) =>
        host.WithServicesAsync(services => services.GetRequiredService<BroadcastService>().ScheduleAsync(broadcastId, null));

    public static Task<bool> RunDueAsync(this NotificationHost host, CancellationToken ct = default) => host.WithServicesAsync(async services =>
    {
        await services.GetRequiredService<BroadcastSender>().RunDueAsync(ct);
        return true;
    });

    public static async Task<Broadcast> BroadcastAsync(this NotificationHost host, int id)
    {
        await using var db = host.Database.CreateContext();
        return await db.Broadcasts.AsNoTracking().SingleAsync(b => b.Id == id);
    }

    public static async Task<List<BroadcastDelivery>> DeliveriesAsync(this NotificationHost host, int id)
    {
        await using var db = host.Database.CreateContext();
        return await db.BroadcastDeliveries.AsNoTracking().Where(d => d.BroadcastId == id).OrderBy(d => d.Id).ToListAsync();
    }

    /// <summary>Promo messages with <paramref name="marker"/> in their text, per chat.</summary>
    public static Dictionary<long, int> Received(this FakeTelegram telegram, string marker) =>
        telegram.Calls.Where(c => c.Method is "sendmessage" or "sendphoto" && (c.Text ?? c.Body["caption"]?.ToString() ?? "").Contains(marker, StringComparison.Ordinal))
            .GroupBy(c => c.ChatId ?? 0).ToDictionary(g => g.Key, g => g.Count());

    public static async Task WaitUntilAsync(Func<Task<bool>> done, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(because);
            }

            await Task.Delay(50);
        }
    }
}
