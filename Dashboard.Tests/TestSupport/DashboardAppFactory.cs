using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Dashboard.Data;

namespace Dashboard.Tests.TestSupport;

/// <summary>
/// The real app on a temporary SQLite file, or on a fresh empty PostgreSQL database when the run's provider is
/// PostgreSQL (the app then migrates it on start). By default it seeds a small demo brand on start, as a first
/// start does (the seeded size is kept small so tests stay quick).
/// </summary>
public class DashboardAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"dashboard-app-{Guid.NewGuid():N}.db");
    private readonly Lazy<string> _postgres = new(PostgresTestServer.CreateEmptyDatabase);

    /// <summary>Customers in the seeded demo brand; 0 = start with an empty store.</summary>
    protected virtual int DemoCustomers => 1500;

    public static StoreProvider Provider => PostgresTestServer.Provider;

    public string ConnectionString => Provider == StoreProvider.Postgres ? _postgres.Value : $"Data Source={_dbPath};Pooling=False";

    /// <summary>Sign-in posts allowed per minute; high by default so many tests can sign in, low to test rate limiting.</summary>
    protected virtual int LoginPostsPerMinute => 10_000;

    /// <summary>A client signed in as the test user of the role, through the real sign-in form.</summary>
    public Task<HttpClient> SignedInClientAsync(string role, bool followRedirects = true) =>
        TestUsers.SignedInClientAsync(this, role, followRedirects);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Provider.ToString().ToLowerInvariant());
        builder.UseSetting("ConnectionStrings:Dashboard", ConnectionString);
        builder.UseSetting("Demo:SeedOnFirstStart", DemoCustomers > 0 ? "true" : "false");
        builder.UseSetting("Demo:Customers", Math.Max(DemoCustomers, 100).ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Tests create their own users with a known password (TestUsers) instead of the demo users with printed ones.
        builder.UseSetting("Security:DemoUsers", "false");
        builder.UseSetting("Security:LoginPostsPerMinute", LoginPostsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        StoreProviders.ClearPools(Provider);
        if (_postgres.IsValueCreated)
        {
            PostgresTestServer.Drop(_postgres.Value);
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_dbPath + suffix);
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The app on an empty store (no demo brand).</summary>
public sealed class EmptyDashboardAppFactory : DashboardAppFactory
{
    protected override int DemoCustomers => 0;
}
