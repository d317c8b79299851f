using Dashboard.Jobs;
using Dashboard.Shared;

namespace Dashboard.Cli;

/// <summary>
/// The host a headless process runs model runs in: the CLI's configuration, every feature's services and their
/// model jobs, with this process as a worker (it claims queued runs from the store). Used by `worker` and `bench models`.
/// </summary>
internal static class JobHost
{
    public static IHost Build(CliContext context, int pollMilliseconds, LogLevel logLevel)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            Configuration = new ConfigurationManager(),
        });
        // The CLI's configuration (appsettings, environment, test overrides) is the host's.
        builder.Configuration.AddConfiguration(context.Services.GetRequiredService<IConfiguration>());
        builder.Configuration[JobsOptions.Section + ":" + nameof(JobsOptions.PollMilliseconds)] =
            pollMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Logs go to standard error: standard output is for results (--json).
        builder.Logging.SetMinimumLevel(logLevel)
            .AddFilter("Dashboard", logLevel)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton(TimeProvider.System)
            .AddModelJobs(builder.Configuration, forceWorker: true)
            .AddDashboardFeatures(builder.Configuration, Directory.GetCurrentDirectory());
        if (builder.Configuration[ScaleOutFeature.RedisSetting] is { Length: > 0 } redis)
        {
            builder.Services.AddRedisRunSignal(redis);
        }
        return builder.Build();
    }
}
