using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Data;

/// <summary>The database engines the store runs on (configuration key Database:Provider).</summary>
public enum StoreProvider
{
    /// <summary>An embedded SQLite file (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (Npgsql), for teams.</summary>
    Postgres,
}

/// <summary>
/// Builds contexts and context factories for a provider and a connection string: the one place that knows which
/// context type, options and migrations go with which engine (the app, the CLI's bench verbs and the tests use it).
/// </summary>
public static class StoreProviders
{
    /// <summary>Command timeout for the store's long statements (bulk loads, model-run aggregates), in seconds.</summary>
    public const int CommandTimeoutSeconds = 600;

    /// <summary>Parses a Database:Provider value ("sqlite", "postgres"/"postgresql"/"npgsql", any case).</summary>
    public static StoreProvider Parse(string? provider) => provider?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => StoreProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => StoreProvider.Postgres,
        _ => throw new InvalidOperationException($"Database:Provider '{provider}' is not supported. Use 'sqlite' or 'postgres'."),
    };

    /// <summary>
    /// A PostgreSQL connection string with the session time zone set to UTC (unless it names one): the store keeps UTC
    /// timestamps in timestamptz columns, and SQL's date() must cut days in UTC as it does on SQLite.
    /// </summary>
    public static string PostgresConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Timezone ??= "UTC";
        return builder.ConnectionString;
    }

    /// <summary>Configures <paramref name="options"/> for the provider (the options must be for the provider's context type).</summary>
    public static void Configure(DbContextOptionsBuilder options, StoreProvider provider, string connectionString, int commandTimeout = CommandTimeoutSeconds)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (provider == StoreProvider.Postgres)
        {
            options.UseNpgsql(PostgresConnectionString(connectionString), o => o.CommandTimeout(commandTimeout));
        }
        else
        {
            options.UseSqlite(connectionString, o => o.CommandTimeout(commandTimeout));
        }
    }

    /// <summary>A factory that creates the provider's context type, typed as <see cref="DashboardDbContext"/>.</summary>
    public static IDbContextFactory<DashboardDbContext> Factory(StoreProvider provider, string connectionString, int commandTimeout = CommandTimeoutSeconds)
    {
        if (provider == StoreProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresDashboardDbContext>();
            Configure(options, provider, connectionString, commandTimeout);
            return new Creating(() => new PostgresDashboardDbContext(options.Options));
        }
        var sqlite = new DbContextOptionsBuilder<DashboardDbContext>();
        Configure(sqlite, provider, connectionString, commandTimeout);
        return new Creating(() => new DashboardDbContext(sqlite.Options));
    }

    /// <summary>Registers IDbContextFactory&lt;DashboardDbContext&gt; for the provider.</summary>
    public static IServiceCollection AddStoreContextFactory(this IServiceCollection services, StoreProvider provider, string connectionString)
    {
        if (provider == StoreProvider.Postgres)
        {
            services.AddDbContextFactory<PostgresDashboardDbContext>(o => Configure(o, provider, connectionString));
            services.AddSingleton<IDbContextFactory<DashboardDbContext>>(sp =>
                new Upcast<PostgresDashboardDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresDashboardDbContext>>()));
            // Services that take the context itself from a scope (the data-protection key ring) get the provider's.
            services.AddScoped<DashboardDbContext>(sp => sp.GetRequiredService<PostgresDashboardDbContext>());
        }
        else
        {
            services.AddDbContextFactory<DashboardDbContext>(o => Configure(o, provider, connectionString));
        }
        return services;
    }

    /// <summary>Drops pooled connections (before deleting a SQLite file or dropping a PostgreSQL database).</summary>
    public static void ClearPools(StoreProvider provider)
    {
        if (provider == StoreProvider.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private sealed class Creating(Func<DashboardDbContext> create) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => create();
    }

    private sealed class Upcast<T>(IDbContextFactory<T> inner) : IDbContextFactory<DashboardDbContext>
        where T : DashboardDbContext
    {
        public DashboardDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<DashboardDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
