using HookahLounge.Core.Bookings;
using HookahLounge.Core.Broadcasts;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Promotions;
using HookahLounge.Core.Tests.Notifications;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.Broadcasts;

/// <summary>Audience counts against guests built by hand, on both databases.</summary>
public sealed class AudienceTests
{
    // Thursday 10 December 2026, 15:00 in Moscow.
    private static readonly DateTime Now = new(2026, 12, 10, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_condition_counts_only_the_guests_it_describes_and_never_those_without_consent(string provider)
    {
        await using var host = await NotificationHost.StartAsync(provider, new() { ["Notifications:DispatcherEnabled"] = "false" }, moscowNow: new DateTime(2026, 12, 10, 15, 0, 0));
        var f = await host.WithServicesAsync(s => BuildAsync(s.GetRequiredService<LoungeDbContext>()));

        async Task<(int Telegram, int Sms)> Count(AudienceFilter filter) =>
            await host.WithServicesAsync(s => s.GetRequiredService<AudienceQuery>().CountAsync(filter));

        (await Count(new AudienceFilter())).Should().Be((4, 0), "A, B, C and D agreed and are reachable; E opted out, F blocked the bot, G was anonymised");
        (await Count(new AudienceFilter { IncludeSms = true })).Should().Be((4, 1), "H is phone-only with the marketing consent; I never gave it");
        (await Count(new AudienceFilter { VisitedWithinDays = 30 })).Should().Be((1, 0), "only A came within 30 days");
        (await Count(new AudienceFilter { NotVisitedForDays = 30 })).Should().Be((2, 0), "B (40 days) and D (100 days); C never came");
        (await Count(new AudienceFilter { OrderedItemId = f.ItemX })).Should().Be((1, 0));
        (await Count(new AudienceFilter { OrderedSectionId = f.SectionOfY })).Should().Be((1, 0));
        (await Count(new AudienceFilter { Language = "en" })).Should().Be((1, 0));
        (await Count(new AudienceFilter { BirthdayThisWeek = true })).Should().Be((1, 0), "A's birthday is in two days, C's in ten");
        (await Count(new AudienceFilter { BookedForEventId = f.EventId })).Should().Be((1, 0), "D booked a table on the event's night");
        (await Count(new AudienceFilter { Language = "ru", NotVisitedForDays = 30 })).Should().Be((1, 0), "conditions add up: only D");

        var members = await host.WithServicesAsync(s => s.GetRequiredService<AudienceQuery>().MembersAsync(new AudienceFilter { IncludeSms = true }));
        members.Should().BeEquivalentTo(new[]
        {
            new AudienceMember(f.A, DeliveryChannel.Telegram), new AudienceMember(f.B, DeliveryChannel.Telegram),
            new AudienceMember(f.C, DeliveryChannel.Telegram), new AudienceMember(f.D, DeliveryChannel.Telegram),
            new AudienceMember(f.H, DeliveryChannel.Sms),
        });
    }

    private sealed record Fixture(int A, int B, int C, int D, int H, int ItemX, int SectionOfY, int EventId);

    private static async Task<Fixture> BuildAsync(LoungeDbContext db)
    {
        Customer Guest(string name, string language = "ru", bool optIn = true, long? chat = null) => new()
        {
            Name = name, Language = language, PromoOptIn = optIn, TelegramUserId = chat, TelegramChatId = chat, CreatedAtUtc = Now.AddDays(-200),
        };

        var a = Guest("A", chat: 1);
        a.Birthday = new DateOnly(1990, 12, 12);
        var b = Guest("B", "en", chat: 2);
        var c = Guest("C", chat: 3);
        c.Birthday = new DateOnly(2000, 12, 20);
        var d = Guest("D", chat: 4);
        var e = Guest("E", optIn: false, chat: 5);
        var blocked = Guest("F", chat: 6);
        blocked.TelegramUnreachable = true;
        var anonymised = Guest("G", chat: 7);
        anonymised.AnonymisedAtUtc = Now.AddDays(-1);
        var h = Guest("H", optIn: false);
        h.Phone = "+79160000008";
        h.SmsOptIn = true;
        var i = Guest("I", optIn: false);
        i.Phone = "+79160000009";
        db.Customers.AddRange(a, b, c, d, e, blocked, anonymised, h, i);
        await db.SaveChangesAsync();

        var table = await db.Tables.OrderBy(t => t.Id).FirstAsync();
        var sections = await db.MenuCategories.Include(s => s.Items).Where(s => s.Items.Any()).OrderBy(s => s.Id).Take(2).ToListAsync();
        var x = sections[0].Items.OrderBy(m => m.Id).First();
        var y = sections[1].Items.OrderBy(m => m.Id).First();

        db.Visits.Add(new Visits.Visit { CustomerId = a.Id, TableId = table.Id, OpenedAtUtc = Now.AddDays(-5), ClosedAtUtc = Now.AddDays(-5).AddHours(2) });
        db.Visits.Add(new Visits.Visit { CustomerId = e.Id, TableId = table.Id, OpenedAtUtc = Now.AddDays(-5), ClosedAtUtc = Now.AddDays(-5).AddHours(2) });
        db.Visits.Add(new Visits.Visit { CustomerId = d.Id, TableId = table.Id, OpenedAtUtc = Now.AddDays(-100), ClosedAtUtc = Now.AddDays(-100).AddHours(2) });
        db.Bookings.Add(Booking("B40", b.Id, Now.AddDays(-40), BookingStatus.Completed));

        var ev = new Promotion { Kind = PromotionKind.Event, Title = "DJ", Description = "сет", StartsAtUtc = new DateTime(2026, 12, 12, 17, 0, 0, DateTimeKind.Utc), CreatedAtUtc = Now };
        db.Promotions.Add(ev);
        db.Bookings.Add(Booking("EVT", d.Id, new DateTime(2026, 12, 12, 16, 0, 0, DateTimeKind.Utc), BookingStatus.Confirmed));
        db.Bookings.Add(Booking("EVX", c.Id, new DateTime(2026, 12, 12, 16, 0, 0, DateTimeKind.Utc), BookingStatus.Cancelled));

        db.Orders.Add(Order(a.Id, x, OrderStatus.Completed));
        db.Orders.Add(Order(b.Id, y, OrderStatus.Completed));
        db.Orders.Add(Order(c.Id, x, OrderStatus.Declined));
        await db.SaveChangesAsync();
        return new Fixture(a.Id, b.Id, c.Id, d.Id, h.Id, x.Id, y.CategoryId, ev.Id);
    }

    private static Booking Booking(string code, int customerId, DateTime startUtc, BookingStatus status) => new()
    {
        Code = code, GuestName = "Гость", CustomerId = customerId, PartySize = 2, StartUtc = startUtc, EndUtc = startUtc.AddHours(2),
        Status = status, Source = BookingSource.Bot, CreatedAtUtc = startUtc.AddDays(-1),
    };

    private static Order Order(int customerId, Menu.MenuItem item, OrderStatus status) => new()
    {
        CustomerId = customerId, Status = status, Type = OrderType.AtTable, Total = item.Price, CreatedAtUtc = Now.AddDays(-3),
        Lines = [new OrderLine { MenuItemId = item.Id, ItemName = item.Name, UnitPrice = item.Price, Quantity = 1 }],
    };
}
