using HookahLounge.Core.Bookings;
using HookahLounge.Core.Content;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.Bookings;

/// <summary>The booking policy is read from memory while the content version stands; every save retires that copy.</summary>
public sealed class BookingSettingsStoreTests
{
    private static Task<BookingSettings> ReadAsync(BookingHost host) =>
        host.WithAsync(s => s.GetRequiredService<BookingSettingsStore>().GetAsync());

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_save_on_this_host_is_seen_at_once_and_one_on_another_host_after_the_version_check_twice_in_a_row(string provider)
    {
        await using var host = await BookingHost.StartAsync(provider);
        (await ReadAsync(host)).MaxPartySize.Should().Be(new BookingSettings().MaxPartySize, "nothing saved yet: the defaults");

        for (var round = 1; round <= 2; round++)
        {
            var here = 10 + round;
            (await host.WithAsync(async s =>
            {
                var store = s.GetRequiredService<BookingSettingsStore>();
                var settings = await store.GetAsync();
                settings.MaxPartySize = here;
                return await store.SaveAsync(settings);
            })).Should().BeEmpty();
            (await ReadAsync(host)).MaxPartySize.Should().Be(here, "saved on this host (round {0})", round);

            // Each caller gets a copy: the settings form changing what it got, without saving, changes nothing.
            (await ReadAsync(host)).MaxPartySize = 99;
            (await ReadAsync(host)).MaxPartySize.Should().Be(here);

            // Another host saves: the row and the content version change in the database.
            var there = 20 + round;
            await using (var db = host.Database.CreateContext())
            {
                await db.BookingSettings.ExecuteUpdateAsync(u => u.SetProperty(b => b.MaxPartySize, there));
                await db.Set<ContentVersion>().ExecuteUpdateAsync(u => u.SetProperty(v => v.Version, v => v.Version + 1));
            }

            (await ReadAsync(host)).MaxPartySize.Should().Be(here, "served from memory until this host checks the content version again");
            host.Clock.Advance(TimeSpan.FromSeconds(3));
            (await ReadAsync(host)).MaxPartySize.Should().Be(there, "saved on another host (round {0})", round);
        }
    }
}
