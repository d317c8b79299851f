using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Shared;

/// <summary>A page's default view, computed ahead of its first visitor (see <see cref="ViewWarmer"/>); Warm returns it.</summary>
public sealed record ViewWarmup(string Name, Func<IServiceProvider, CancellationToken, Task<object?>> Warm);

/// <summary>
/// Keeps the pages' default views in the <see cref="ViewCache"/> current: once the app has started, and whenever the
/// store's state changes afterwards (an import, a model run, a re-seed; checked every <c>Views:WarmSeconds</c>, 5 by
/// default), it computes each registered default view in turn, so on a big store the first visitor after a change
/// reads a finished view instead of waiting for the aggregation. A view already being computed for a visitor is
/// shared, not computed twice. Views with other parameters (another date range, a filter) are computed on demand.
/// </summary>
public sealed partial class ViewWarmer(
    IServiceProvider services,
    IEnumerable<ViewWarmup> warmups,
    IDbContextFactory<DashboardDbContext> dbFactory,
    IHostApplicationLifetime lifetime,
    IConfiguration configuration,
    ILogger<ViewWarmer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        var interval = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Views:WarmSeconds", 5.0), 0.1, 3600));
        string? warmed = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                string stamp;
                await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
                {
                    stamp = await StoreStamp.ReadAsync(db, stoppingToken);
                }
                if (stamp != warmed)
                {
                    await WarmAllAsync(stoppingToken);
                    warmed = stamp;
                }
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogCheckFailed(logger, ex);
                await Task.Delay(interval, stoppingToken);
            }
        }
    }

    private async Task WarmAllAsync(CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var warmup in warmups)
        {
            var one = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                await using var scope = services.CreateAsyncScope();
                await warmup.Warm(scope.ServiceProvider, ct);
                LogWarmed(logger, warmup.Name, one.Elapsed.TotalSeconds);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The page computes (and reports) the view itself when visited.
                LogWarmFailed(logger, warmup.Name, ex);
            }
        }
        LogAllWarmed(logger, warmups.Count(), watch.Elapsed.TotalSeconds);
    }

    [LoggerMessage(LogLevel.Debug, "Warmed the default {View} view in {Seconds:F2} s")]
    private static partial void LogWarmed(ILogger logger, string view, double seconds);

    [LoggerMessage(LogLevel.Information, "Warmed {Count} default views in {Seconds:F2} s")]
    private static partial void LogAllWarmed(ILogger logger, int count, double seconds);

    [LoggerMessage(LogLevel.Warning, "Could not warm the default {View} view")]
    private static partial void LogWarmFailed(ILogger logger, string view, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Could not read the store's state to warm the default views")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}

public static class ViewWarmupExtensions
{
    /// <summary>Registers a page's default view for <see cref="ViewWarmer"/>.</summary>
    public static IServiceCollection AddViewWarmup<T>(this IServiceCollection services, string name, Func<IServiceProvider, CancellationToken, Task<T>> warm) =>
        services.AddSingleton(new ViewWarmup(name, async (sp, ct) => await warm(sp, ct)));
}
