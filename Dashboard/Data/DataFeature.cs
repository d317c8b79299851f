using System.ComponentModel.DataAnnotations;
using Dashboard.Data.Identity;
using Dashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data;

/// <summary>Where the store lives. The provider is chosen here so pages never depend on it.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"sqlite" (embedded default).</summary>
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
        var connectionString = configuration.GetConnectionString("Dashboard") ?? DefaultSqlite(contentRoot, options.DataFolder);
        services.AddDbContextFactory<DashboardDbContext>(o =>
        {
            switch (options.Provider.ToLowerInvariant())
            {
                case "sqlite":
                    o.UseSqlite(connectionString, s => s.CommandTimeout(600));
                    break;
                default:
                    throw new InvalidOperationException(
                        $"Database:Provider '{options.Provider}' is not supported. Use 'sqlite'.");
            }
        });
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
