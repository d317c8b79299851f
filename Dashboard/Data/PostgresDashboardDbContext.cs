using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data;

/// <summary>
/// The store on PostgreSQL: the same model as <see cref="DashboardDbContext"/>, a separate type only so that EF Core
/// keeps its own migrations (Data/Migrations/Postgres) apart from SQLite's. Created through
/// <see cref="StoreProviders"/>; the rest of the app sees a <see cref="DashboardDbContext"/>.
/// </summary>
public sealed class PostgresDashboardDbContext(DbContextOptions<PostgresDashboardDbContext> options) : DashboardDbContext(options);
