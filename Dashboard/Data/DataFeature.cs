using System.ComponentModel.DataAnnotations;
using Dashboard.Data.Identity;
using Dashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data;

/// <summary>Where the store lives. The provider is chosen here so pages never depend on it.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"sqlite" (embedded default) or "postgres" (ConnectionStrings:Dashboard then names the server and database).</summary>
    [Required]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Folder for the embedded database file, relative to the content root.</summary>
    [Required]
    public string DataFolder { get; set; } = "App_Data";
}

public static class DataFeature
{
    /// <summary>Registers the store: a DbContext factory (one context per unit of work) on the configured provider.</summary>
    public static IServiceCollection AddDashboardData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var provider = StoreProviders.Parse(options.Provider);
        var connectionString = configuration.GetConnectionString("Dashboard")
            ?? (provider == StoreProvider.Sqlite
                ? DefaultSqlite(contentRoot, options.DataFolder)
                : throw new InvalidOperationException(
                    "Database:Provider is 'postgres' but ConnectionStrings:Dashboard is not set: give the server, e.g. " +
                    "ConnectionStrings__Dashboard='Host=localhost;Database=dashboard;Username=dashboard;Password=...'"));
        services.AddStoreContextFactory(provider, connectionString);
        services.AddSingleton<DatabaseInitializer>();
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IdentityService>();
        services.AddSingleton<Import.IImportFollowUp, IdentityImportFollowUp>();
        return services;
    }

    private static string DefaultSqlite(string contentRoot, string dataFolder)
    {
        var folder = Path.GetFullPath(Path.Combine(contentRoot, dataFolder));
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "dashboard.db")}";
    }
}
