using HookahLounge.Testing;

namespace HookahLounge.Site.Tests;

/// <summary>The site on a fresh database of the preferred provider, no bot.</summary>
public sealed class SiteHost : IAsyncLifetime
{
    public LoungeAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync(TestDatabase.Preferred);
        App = new LoungeAppFactory(database, settings: new Dictionary<string, string?>
        {
            ["Lounge:Map:WidgetUrl"] = "http://127.0.0.1:9/map-widget/v1/",
            ["Lounge:Map:LinkUrl"] = "http://127.0.0.1:9/maps/",
        });
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await App.Database.DisposeAsync();
    }
}
