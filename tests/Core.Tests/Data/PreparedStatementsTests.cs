using HookahLounge.Core.Data;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Core.Tests.Data;

/// <summary>The bot runs the same few statements for every update: on PostgreSQL they are prepared once per connection.</summary>
public sealed class PreparedStatementsTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("Max Auto Prepare=0", false)]
    public async Task Statements_used_again_and_again_are_prepared_on_the_server_unless_the_connection_string_says_no(string? setting, bool prepared)
    {
        if (!PostgresServer.IsAvailable)
        {
            return; // Prepared statements are PostgreSQL's.
        }

        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await (await database.CreateMigratedContextAsync()).DisposeAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Lounge"] = setting is null ? database.ConnectionString : $"{database.ConnectionString};{setting}",
        }).Build();
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddLoungeDatabase(configuration, AppContext.BaseDirectory);
        await using var provider = services.BuildServiceProvider();

        // Twice: the same guest's lookup as every update makes it, on one connection.
        for (var round = 0; round < 2; round++)
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LoungeDbContext>();
            await db.Database.OpenConnectionAsync();
            for (var i = 0; i < 10; i++)
            {
                var chat = 1000L + i;
                (await db.ChatSessions.AsNoTracking().AnyAsync(s => s.ChatId == chat)).Should().BeFalse();
            }

            var onServer = await db.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%ChatSessions%'").SingleAsync();
            (onServer > 0).Should().Be(prepared, $"round {round + 1}: {onServer} prepared statement(s) on the connection");
        }
    }
}
