using Dashboard.Data;
using Dashboard.Jobs;

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
        using var host = JobHost.Build(context, pollMs, LogLevel.Information);
        // The app instances seed the demo brand; a worker only brings the schema up to date, so it can start first.
        await host.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(context.Cancellation);
        await context.Error.WriteLineAsync($"worker {host.Services.GetServices<IHostedService>().OfType<JobWorker>().Single().Name} waiting for model runs");
        await host.RunAsync(context.Cancellation);
        return 0;
    }
}
