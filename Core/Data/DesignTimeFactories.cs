using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HookahLounge.Core.Data;

/// <summary>Lets <c>dotnet ef</c> build each context without starting the host.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLoungeDbContext>
{
    public PostgresLoungeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLoungeDbContext>()
            .UseNpgsql(Environment.GetEnvironmentVariable("ConnectionStrings__Lounge") ?? "Host=localhost;Database=hookahlounge_design")
            .Options);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLoungeDbContext>
{
    public SqliteLoungeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLoungeDbContext>().UseSqlite("Data Source=design.db").Options);
}
