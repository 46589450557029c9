using HookahLounge.Testing;

namespace HookahLounge.Admin.Tests;

/// <summary>The product on a fresh database, for back-office tests that share it.</summary>
public sealed class AdminHost : IAsyncLifetime
{
    public LoungeAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync() => App = new LoungeAppFactory(await TestDatabase.CreateAsync(TestDatabase.Preferred));

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await App.Database.DisposeAsync();
    }
}
