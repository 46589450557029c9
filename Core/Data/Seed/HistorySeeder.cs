using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Lounge;
using HookahLounge.Core.Menu;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Visits;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Core.Data.Seed;

public sealed record HistorySummary(int Customers, int Orders, int Bookings, int Visits, int ServiceCalls, DateOnly From, DateOnly To);

/// <summary>
/// A year of made-up but lounge-shaped history for analytics and benchmarks: evenings busiest on Friday and
/// Saturday past midnight, hookahs with real tobaccos, flavours and strengths from the menu, regulars and
/// one-off guests, bookings from every channel with cancellations and no-shows, coal changes at the tables, and now and then a guest who wanted something on the stop-list.
/// Everything lies in the past, so no live booking is touched. Deterministic for a given seed.
/// </summary>
public sealed class HistorySeeder(LoungeDbContext db, LoungeProfile lounge)
{
    private const int Batch = 2000;

    public async Task<HistorySummary> SeedAsync(int orderCount, int seed = 12, int days = 365, Action<string>? progress = null, CancellationToken ct = default)
    {
        var random = new Random(seed);
        var menu = await db.MenuItems.AsNoTracking().Include(i => i.OptionGroups).ThenInclude(g => g.Values).ToListAsync(ct);
        var tables = await db.Tables.AsNoTracking().Select(t => t.Id).ToListAsync(ct);
        if (menu.Count == 0 || tables.Count == 0)
        {
            throw new InvalidOperationException("The menu and the tables must exist first (Seed:Demo=true or the admin).");
        }

        var hookahs = menu.Where(i => i.OptionGroups.Count > 0).ToList();
        var others = menu.Where(i => i.OptionGroups.Count == 0).ToList();
        var last = lounge.BusinessToday.AddDays(-1);
        var first = last.AddDays(1 - days);
        var prefix = $"H{seed % 100:00}";

        // Guests: a few regulars make many visits, most come once or twice.
        var guestCount = Math.Max(10, orderCount / 4);
        var guests = new List<int>(guestCount);
        for (var start = 0; start < guestCount; start += Batch)
        {
            var batch = Enumerable.Range(start, Math.Min(Batch, guestCount - start)).Select(i => new Customer
            {
                Name = Names[random.Next(Names.Length)],
                Phone = $"+7999{seed % 100:00}{i:D5}",
                TelegramUserId = random.NextDouble() < 0.6 ? 9_000_000_000L + seed * 1_000_000L + i : null,
                Language = random.NextDouble() < 0.05 ? "en" : "ru",
                PromoOptIn = random.NextDouble() < 0.4,
                CreatedAtUtc = lounge.ToUtc(first.ToDateTime(new TimeOnly(12, 0))),
            }).ToList();
            foreach (var c in batch.Where(c => c.TelegramUserId is not null))
            {
                c.TelegramChatId = c.TelegramUserId;
            }

            db.Customers.AddRange(batch);
            await db.SaveChangesAsync(ct);
            guests.AddRange(batch.Select(c => c.Id));
            db.ChangeTracker.Clear();
        }

        int Guest() => guests[(int)(Math.Pow(random.NextDouble(), 2.2) * guests.Count)];

        DateTime Evening(DateOnly date)
        {
            // 14:00–03:59, mostly 20:00–01:00.
            var hour = 14 + (int)Math.Min(13.99, Math.Abs(NextGaussian(random) * 2.8 + 7.5));
            return date.ToDateTime(new TimeOnly(hour % 24, random.Next(60))).AddDays(hour >= 24 ? 1 : 0);
        }

        var weights = Enumerable.Range(0, days).Select(d => first.AddDays(d).DayOfWeek switch
        {
            DayOfWeek.Friday or DayOfWeek.Saturday => 2.2,
            DayOfWeek.Thursday or DayOfWeek.Sunday => 1.2,
            _ => 0.8,
        }).ToArray();
        var total = weights.Sum();
        DateOnly Day()
        {
            var pick = random.NextDouble() * total;
            for (var d = 0; d < days; d++)
            {
                pick -= weights[d];
                if (pick <= 0)
                {
                    return first.AddDays(d);
                }
            }

            return last;
        }

        var bookingCount = orderCount / 3;
        var made = (Orders: 0, Bookings: 0, Visits: 0, Calls: 0);
        for (var i = 0; i < bookingCount; i++)
        {
            var local = Evening(Day());
            var start = lounge.ToUtc(new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute >= 30 ? 30 : 0, 0));
            var roll = random.NextDouble();
            db.Bookings.Add(new Booking
            {
                Code = $"{prefix}{i:D7}",
                AccessToken = $"{seed}-{i}",
                GuestName = Names[random.Next(Names.Length)],
                GuestPhone = $"+7999{seed % 100:00}{random.Next(guestCount):D5}",
                CustomerId = Guest(),
                PartySize = 2 + random.Next(5),
                StartUtc = start,
                EndUtc = start.AddMinutes(random.NextDouble() < 0.7 ? 120 : 180),
                TableId = tables[random.Next(tables.Count)],
                Status = roll < 0.1 ? BookingStatus.Cancelled : roll < 0.15 ? BookingStatus.NoShow : BookingStatus.Completed,
                Source = (BookingSource)Pick(random, [0.3, 0.45, 0.05, 0.2]),
                CreatedAtUtc = start.AddHours(-random.Next(2, 96)),
            });
            made.Bookings++;
            if (made.Bookings % Batch == 0)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var pending = 0;
        while (made.Orders < orderCount)
        {
            var customer = Guest();
            var opened = lounge.ToUtc(Evening(Day()));
            var type = (OrderType)Pick(random, [0.7, 0.2, 0.1]);
            Visit? visit = null;
            if (type == OrderType.AtTable)
            {
                visit = new Visit { CustomerId = customer, TableId = tables[random.Next(tables.Count)], OpenedAtUtc = opened, ClosedAtUtc = opened.AddMinutes(90 + random.Next(120)) };
                db.Visits.Add(visit);
                made.Visits++;
                for (var c = random.Next(4); c > 0; c--)
                {
                    var at = opened.AddMinutes(20 + random.Next(100));
                    var accepted = random.NextDouble() < 0.95 ? at.AddSeconds(30 + random.Next(400)) : (DateTime?)null;
                    db.ServiceCalls.Add(new ServiceCall
                    {
                        Visit = visit,
                        Kind = (ServiceCallKind)Pick(random, [0.6, 0.15, 0.15, 0.1]),
                        Status = accepted is null ? ServiceCallStatus.New : ServiceCallStatus.Done,
                        CreatedAtUtc = at,
                        AcceptedAtUtc = accepted,
                        DoneAtUtc = accepted?.AddMinutes(3),
                        AcceptedBy = accepted is null ? null : "Мастер",
                    });
                    made.Calls++;
                }
            }

            // One to three orders per visit (дозаказ), a single one otherwise.
            for (var n = type == OrderType.AtTable ? 1 + random.Next(3) : 1; n > 0 && made.Orders < orderCount; n--)
            {
                var lines = new List<OrderLine>();
                if (type != OrderType.Pickup || random.NextDouble() < 0.3)
                {
                    lines.Add(HookahLine(random, hookahs[random.Next(hookahs.Count)]));
                }

                for (var extra = random.Next(3); extra > 0 || lines.Count == 0; extra--)
                {
                    var item = others.Count > 0 ? others[random.Next(others.Count)] : hookahs[random.Next(hookahs.Count)];
                    lines.Add(new OrderLine { MenuItemId = item.Id, ItemName = item.Name, UnitPrice = item.Price, Quantity = 1 + (random.NextDouble() < 0.2 ? 1 : 0) });
                }

                var statusRoll = random.NextDouble();
                db.Orders.Add(new Order
                {
                    CustomerId = customer,
                    Type = type,
                    TableId = visit?.TableId,
                    VisitId = null,
                    Status = statusRoll < 0.03 ? OrderStatus.Declined : statusRoll < 0.06 ? OrderStatus.Cancelled : OrderStatus.Completed,
                    CreatedAtUtc = opened.AddMinutes(n * 25 + random.Next(10)),
                    Lines = lines,
                    Total = lines.Sum(l => l.UnitPrice * l.Quantity),
                });
                made.Orders++;
            }

            // Now and then the guest wanted something that was out: a tobacco, or a whole item.
            if (random.NextDouble() < 0.05)
            {
                var wanted = hookahs[random.Next(hookahs.Count)];
                var value = random.NextDouble() < 0.7 ? wanted.OptionGroups.SelectMany(g => g.Values.Select(v => (Group: g, Value: v))).OrderBy(_ => random.Next()).FirstOrDefault() : default;
                db.StopListMisses.Add(new StopListMiss
                {
                    CustomerId = customer,
                    MenuItemId = wanted.Id,
                    ItemName = wanted.Name,
                    OptionValueId = value.Value?.Id,
                    OptionName = value.Value is null ? null : $"{value.Group.Name}: {value.Value.Name}",
                    Stage = random.NextDouble() < 0.8 ? StopListStage.Menu : StopListStage.Checkout,
                    BusinessDate = lounge.BusinessDayOf(opened),
                    AtUtc = opened,
                });
            }

            if (++pending >= Batch / 2)
            {
                pending = 0;
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                progress?.Invoke($"{made.Orders} orders…");
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new HistorySummary(guestCount, made.Orders, made.Bookings, made.Visits, made.Calls, first, last);
    }

    private static OrderLine HookahLine(Random random, MenuItem item)
    {
        var chosen = new List<int>();
        foreach (var group in item.OptionGroups)
        {
            var values = group.Values.Where(v => v.IsAvailable).ToList();
            var count = Math.Min(values.Count, Math.Max(group.MinSelected, random.NextDouble() < 0.8 ? 1 + random.Next(Math.Max(1, group.MaxSelected)) : 0));
            chosen.AddRange(values.OrderBy(_ => random.Next()).Take(count).Select(v => v.Id));
        }

        var price = MenuPricing.Price(item, chosen);
        if (price.Problem is not null)
        {
            chosen = MenuPricing.DefaultChoice(item);
            price = MenuPricing.Price(item, chosen);
        }

        return new OrderLine
        {
            MenuItemId = item.Id,
            ItemName = item.Name,
            OptionsSummary = price.Summary,
            OptionValueIds = chosen.Count > 0 ? string.Join(',', chosen.Order()) : null,
            UnitPrice = price.Problem is null ? price.UnitPrice : item.Price,
            Quantity = 1,
        };
    }

    private static int Pick(Random random, double[] shares)
    {
        var roll = random.NextDouble();
        for (var i = 0; i < shares.Length; i++)
        {
            roll -= shares[i];
            if (roll <= 0)
            {
                return i;
            }
        }

        return shares.Length - 1;
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static readonly string[] Names =
    [
        "Анна", "Мария", "Екатерина", "Ольга", "Дарья", "Алина", "Софья", "Полина", "Иван", "Алексей", "Дмитрий",
        "Максим", "Артём", "Никита", "Сергей", "Тимур", "Руслан", "Кирилл", "Егор", "Марк",
    ];
}
