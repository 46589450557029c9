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
        await using var provider = AppDatabase(database, setting);

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

    [Theory]
    [InlineData(null, "12345ms")]
    [InlineData("No Reset On Close=false", "0")]
    public async Task A_pooled_connection_goes_back_without_a_reset_round_trip_unless_the_connection_string_asks_for_one(string? setting, string seenNext)
    {
        if (!PostgresServer.IsAvailable)
        {
            return; // Connection pooling and its reset are Npgsql's.
        }

        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await (await database.CreateMigratedContextAsync()).DisposeAsync();
        await using var provider = AppDatabase(database, setting);

        // Session state is what a reset would clear; the app sets none (see DatabaseRegistration), this test does on purpose.
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LoungeDbContext>();
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("SET statement_timeout = '12345ms'");
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LoungeDbContext>();
            var seen = await db.Database.SqlQuery<string>($"SELECT current_setting('statement_timeout') AS \"Value\"").SingleAsync();
            seen.Should().Be(seenNext);
        }
    }

    /// <summary>The database as the app registers it, with <paramref name="setting"/> added to the connection string.</summary>
    private static ServiceProvider AppDatabase(TestDatabase database, string? setting)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Lounge"] = setting is null ? database.ConnectionString : $"{database.ConnectionString};{setting}",
        }).Build();
        return new ServiceCollection().AddSingleton(TimeProvider.System).AddLoungeDatabase(configuration, AppContext.BaseDirectory).BuildServiceProvider();
    }
}
