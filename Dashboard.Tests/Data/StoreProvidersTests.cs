using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Data;

/// <summary>Both providers' models and migrations agree; needs no server.</summary>
public class StoreProvidersTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public void Migrations_OfEachProvider_MatchTheModel(StoreProvider provider)
    {
        var connection = provider == StoreProvider.Postgres ? "Host=localhost;Database=unused" : "Data Source=:memory:";
        using var db = StoreProviders.Factory(provider, connection).CreateDbContext();

        Assert.False(db.Database.HasPendingModelChanges(), $"the {provider} migrations lag behind the model: add a migration (Dashboard/Data/README.md)");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Theory]
    [InlineData("sqlite", StoreProvider.Sqlite)]
    [InlineData("Postgres", StoreProvider.Postgres)]
    [InlineData("postgresql", StoreProvider.Postgres)]
    public void Parse_KnownNames_GiveTheProvider(string name, StoreProvider expected) =>
        Assert.Equal(expected, StoreProviders.Parse(name));

    [Fact]
    public void Parse_UnknownName_SaysWhatIsSupported()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StoreProviders.Parse("mysql"));

        Assert.Contains("'sqlite' or 'postgres'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresConnectionString_WithoutTimezone_SessionRunsInUtc() =>
        Assert.Contains("Timezone=UTC", StoreProviders.PostgresConnectionString("Host=h;Database=d"), StringComparison.Ordinal);
}

/// <summary>
/// The PostgreSQL store itself, always against a real server (these run in every test run, whatever the provider of
/// the rest): without DASHBOARD_TEST_POSTGRES they fail and say how to start one.
/// </summary>
[Trait("Category", "Postgres")]
public class PostgresStoreTests
{
    [Fact]
    public async Task Migrate_EmptyDatabase_CreatesEveryTableOfTheModel()
    {
        await using var db = await TestDatabase.CreateAsync(StoreProvider.Postgres);
        await using var context = await db.Factory.CreateDbContextAsync();

        Assert.IsType<PostgresDashboardDbContext>(context);
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await context.Customers.CountAsync());
        Assert.Equal(0, await context.OrderLines.CountAsync());
    }

    [Fact]
    public async Task Migrate_AFreshDatabase_LogsNoError()
    {
        var connection = PostgresTestServer.CreateEmptyDatabase();
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "postgres", ["ConnectionStrings:Dashboard"] = connection,
            }).Build();
            var logs = new Dashboard.Tests.Load.CapturedLogs();
            var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSingleton(TimeProvider.System).AddLogging(b => b.AddProvider(logs));
            services.AddDashboardData(configuration, Path.GetTempPath());
            await using var provider = services.BuildServiceProvider();

            await provider.GetRequiredService<DatabaseInitializer>().MigrateAsync();

            await using var context = await provider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
            Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        }
        finally
        {
            StoreProviders.ClearPools(StoreProvider.Postgres);
            PostgresTestServer.Drop(connection);
        }
    }

    [Fact]
    public async Task SaveAndRead_UtcTimestamp_ComesBackAsTheSameUtcInstant()
    {
        await using var db = await TestDatabase.CreateAsync(StoreProvider.Postgres);
        var placed = new DateTime(2025, 3, 1, 23, 30, 0, DateTimeKind.Utc);
        await using (var context = await db.Factory.CreateDbContextAsync())
        {
            context.ImportRuns.Add(new ImportRun { Kind = "orders", FileName = "a.csv", StartedUtc = placed, Status = "succeeded" });
            await context.SaveChangesAsync();
        }

        await using var read = await db.Factory.CreateDbContextAsync();
        var run = await read.ImportRuns.SingleAsync();

        Assert.Equal(placed, run.StartedUtc);
        Assert.Equal(DateTimeKind.Utc, run.StartedUtc.Kind);
        // SQL's date() cuts days in UTC (the session time zone), as on SQLite: 23:30 UTC is still March 1st.
        Assert.Equal(new DateOnly(2025, 3, 1), await read.ImportRuns.Select(r => Dashboard.Data.Summaries.StoreFunctions.Day(r.StartedUtc)).SingleAsync());
    }
}
