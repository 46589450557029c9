using System.Text.RegularExpressions;
using HookahLounge.Bot.Preview;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Staff;
using HookahLounge.Testing;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HookahLounge.Browser.Tests;

[CollectionDefinition(Name)]
public sealed class LoungeBrowserCollection : ICollectionFixture<LoungeBrowserFixture>
{
    public const string Name = "lounge in a browser";
}

/// <summary>
/// The whole product on a real port with the demo lounge, an owner account and Debian's Chromium, shared by the
/// browser tests of one collection. It also knows every page there is: the Razor page routes of the running app,
/// public and back office, so a page added later is walked by the width and accessibility sweeps without anyone
/// listing it.
/// </summary>
public sealed partial class LoungeBrowserFixture : IAsyncLifetime
{
    public const string OwnerLogin = "olga";
    public const string OwnerPassword = "olga-password-1";

    public static readonly (int Width, int Height) Phone = (390, 844);
    public static readonly (int Width, int Height) Desktop = (1366, 768);

    private BrowserApp? _run;

    public LoungeAppFactory App => _run!.App;

    public IBrowser Browser => _run!.Browser;

    public string BaseUrl => _run!.BaseUrl;

    /// <summary>Values for route parameters a page needs (its view path and parameter → a value that exists in the database).</summary>
    public Dictionary<(string Page, string Parameter), string> RouteSamples { get; } = [];

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.Chromium))
        {
            return;
        }

        _run = await BrowserApp.StartAsync(new Dictionary<string, string?>
        {
            [BotPreviewRegistration.EnabledKey] = "true",
            ["Notifications:DispatcherEnabled"] = "false",
            ["Site:FormPostsPerMinute"] = "1000",
        });
        await StaffBrowser.CreateAccountAsync(App, OwnerLogin, OwnerPassword, StaffRole.Owner);
        await AddSamplesAsync();
    }

    public async Task DisposeAsync()
    {
        if (_run is not null)
        {
            await _run.DisposeAsync();
        }
    }

    /// <summary>A fresh browser (own cookies) at a phone's or a desktop's size; a phone is a touch device that honours the viewport tag.</summary>
    public Task<IBrowserContext> NewContextAsync((int Width, int Height) size) => Browser.NewContextAsync(new()
    {
        BaseURL = BaseUrl,
        ViewportSize = new() { Width = size.Width, Height = size.Height },
        IsMobile = size.Width < 600,
        HasTouch = size.Width < 600,
        Locale = "ru-RU",
        TimezoneId = "Europe/Moscow",
    });

    public async Task<IPage> NewPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        // Generous: the first request to each part of the app compiles and warms it on a busy two-core machine.
        page.SetDefaultTimeout(60_000);
        return page;
    }

    public async Task SignInAsOwnerAsync(IPage page)
    {
        await page.GotoAsync("/admin/account/login");
        await page.GetByLabel("Логин").FillAsync(OwnerLogin);
        await page.GetByLabel("Пароль").FillAsync(OwnerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();

        // Signed in when the header names the person (the back office's own sign, whatever page it opens on).
        await page.Locator("header .who").WaitForAsync();
    }

    /// <summary>Every public page (admin: false) or back-office page (admin: true) of the running app, as addresses to open.</summary>
    public IReadOnlyList<string> PageUrls(bool admin)
    {
        var pages = App.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>()
            .Where(p => string.Equals(p.AreaName, "Admin", StringComparison.Ordinal) == admin)
            // An index page has two routes ("admin/Menu/Index" and "admin/Menu"): the short one is the address people use.
            .GroupBy(p => p.ViewEnginePath)
            .Select(g => g.MinBy(p => p.AttributeRouteInfo?.Template?.Length ?? int.MaxValue)!)
            .OrderBy(p => p.ViewEnginePath, StringComparer.Ordinal)
            .ToList();
        var urls = new List<string>();
        foreach (var page in pages)
        {
            // Signing out is a form post; opening it would only show the button.
            if (page.ViewEnginePath == "/Account/Logout")
            {
                continue;
            }

            var template = page.AttributeRouteInfo?.Template ?? throw new InvalidOperationException($"{page.ViewEnginePath} has no route.");
            var missing = new List<string>();
            var url = "/" + RouteParameter().Replace(template, m =>
            {
                var name = m.Groups["name"].Value;
                if (RouteSamples.TryGetValue((page.ViewEnginePath, name), out var value))
                {
                    return value;
                }

                if (m.Groups["optional"].Success)
                {
                    return "";
                }

                missing.Add(name);
                return "";
            }).TrimEnd('/');
            if (missing.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The page {page.ViewEnginePath} needs {string.Join(", ", missing)}: add a sample to {nameof(RouteSamples)} in {nameof(LoungeBrowserFixture)} so the sweeps can open it.");
            }

            urls.Add(url.Length == 0 ? "/" : url.ToLowerInvariant());
        }

        return urls;
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}?]+)?(?<optional>\?)?\}")]
    private static partial Regex RouteParameter();

    /// <summary>A guest with an order and a site booking, so the pages that show one have something to show.</summary>
    private async Task AddSamplesAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.LoungeDbContext>();
        var guest = new Customer { Name = "Ирина", Phone = "+79160000001", CreatedAtUtc = DateTime.UtcNow };
        db.Customers.Add(guest);
        await db.SaveChangesAsync();
        var order = new Order
        {
            CustomerId = guest.Id, Status = OrderStatus.New, Type = OrderType.Pickup, Total = 1800m, CreatedAtUtc = DateTime.UtcNow,
            PickupAtUtc = DateTime.UtcNow.AddHours(1), Comment = "Без мяты, пожалуйста",
            Lines = [new() { ItemName = "Кальян классический", UnitPrice = 1800m, Quantity = 1 }],
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync();

        var result = await scope.ServiceProvider.GetRequiredService<BookingService>().CreateAsync(new BookingRequest(
            TestDates.NextWednesday(), new TimeOnly(21, 0), 4, 120, BookingSource.Site, "Ирина", "+79160000001", Comment: "День рождения", ConsentGiven: true));
        var booking = result.Booking ?? throw new InvalidOperationException($"The sample booking failed: {result.Error}");

        var broadcast = new Core.Broadcasts.Broadcast
        {
            Title = "Пятничный вечер", Text = "<b>Пятница</b>: живая музыка с 21:00", AudienceJson = "{}", CreatedBy = OwnerLogin,
            CreatedAtUtc = DateTime.UtcNow, Status = Core.Broadcasts.BroadcastStatus.Scheduled, ScheduledAtUtc = DateTime.UtcNow.AddDays(1),
        };
        db.Broadcasts.Add(broadcast);
        await db.SaveChangesAsync();

        RouteSamples[("/Broadcasts/Progress", "id")] = broadcast.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        RouteSamples[("/Broadcasts/Edit", "id")] = broadcast.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        RouteSamples[("/Orders/Details", "id")] = order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        RouteSamples[("/Customers/Card", "id")] = guest.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        RouteSamples[("/Bookings/Edit", "id")] = booking.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        RouteSamples[("/Booking/View", "code")] = $"{booking.Code}?token={booking.AccessToken}";
    }
}
