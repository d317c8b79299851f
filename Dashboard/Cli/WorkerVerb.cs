using Dashboard.Data;
using Dashboard.Jobs;
using Dashboard.Shared;

namespace Dashboard.Cli;

/// <summary>
/// `worker`: a process that executes model runs queued by any app instance (claimed from the store, so several workers
/// share the work and each run is done once) until it is stopped. App instances leave runs to it with
/// <c>Jobs__RunInProcess=false</c>. A run in progress when the worker stops goes back to the queue.
/// </summary>
internal sealed class WorkerVerb : ICliVerb
{
    public string Name => "worker";

    public string Usage => "worker [--poll-ms N]   (executes queued model runs until stopped; pair with Jobs:RunInProcess=false on app instances)";

    public async Task<int> RunAsync(CliContext context)
    {
        var pollMs = context.Args.Int("poll-ms", 1_000, min: 50, max: 60_000);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            Configuration = new ConfigurationManager(),
        });
        // The CLI's configuration (appsettings, environment, test overrides) is the worker's.
        builder.Configuration.AddConfiguration(context.Services.GetRequiredService<IConfiguration>());
        builder.Configuration[JobsOptions.Section + ":" + nameof(JobsOptions.PollMilliseconds)] = pollMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Services.AddSingleton(TimeProvider.System)
            .AddModelJobs(builder.Configuration, forceWorker: true)
            .AddDashboardFeatures(builder.Configuration, Directory.GetCurrentDirectory());
        if (builder.Configuration[ScaleOutFeature.RedisSetting] is { Length: > 0 } redis)
        {
            builder.Services.AddRedisRunSignal(redis);
        }
        using var host = builder.Build();
        // The app instances seed the demo brand; a worker only brings the schema up to date, so it can start first.
        await host.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(context.Cancellation);
        await context.Error.WriteLineAsync($"worker {host.Services.GetServices<IHostedService>().OfType<JobWorker>().Single().Name} waiting for model runs");
        await host.RunAsync(context.Cancellation);
        return 0;
    }
}
