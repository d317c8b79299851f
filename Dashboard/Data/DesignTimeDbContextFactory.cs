using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.Data;

/// <summary>Lets `dotnet ef` build the SQLite model (Data/Migrations) without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>
/// Lets `dotnet ef --context PostgresDashboardDbContext` build the PostgreSQL model (Data/Migrations/Postgres).
/// Adding a migration needs no server; `database update` uses DASHBOARD_DESIGN_POSTGRES when set.
/// </summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresDashboardDbContext>
{
    public PostgresDashboardDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresDashboardDbContext>();
        StoreProviders.Configure(options, StoreProvider.Postgres,
            Environment.GetEnvironmentVariable("DASHBOARD_DESIGN_POSTGRES") ?? "Host=localhost;Database=dashboard_design");
        return new PostgresDashboardDbContext(options.Options);
    }
}
