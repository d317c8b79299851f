using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs;

/// <summary>
/// While a run executes, writes its progress to the store when it changes (at most once a second) and a heartbeat at
/// least every <c>interval</c>, so other app instances show the progress and workers can tell a live run from a dead one.
/// </summary>
internal sealed partial class RunHeartbeat : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly IDbContextFactory<DashboardDbContext> _dbFactory;
    private readonly TimeProvider _clock;
    private readonly long _runId;
    private readonly RunProgress _progress;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RunHeartbeat(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock, long runId, RunProgress progress, TimeSpan interval, ILogger logger)
    {
        (_dbFactory, _clock, _runId, _progress, _interval, _logger) = (dbFactory, clock, runId, progress, interval, logger);
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        var written = (Fraction: -1.0, Stage: "");
        var lastWrite = _clock.GetUtcNow();
        using var timer = new PeriodicTimer(Tick < _interval ? Tick : _interval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var current = _progress.Current;
                var now = _clock.GetUtcNow();
                if (current == written && now - lastWrite < _interval)
                {
                    continue;
                }
                try
                {
                    await using var db = await _dbFactory.CreateDbContextAsync(ct);
                    await db.ModelRuns.Where(r => r.Id == _runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatUtc, now.UtcDateTime)
                        .SetProperty(r => r.Progress, current.Fraction).SetProperty(r => r.Stage, current.Stage), ct);
                    (written, lastWrite) = (current, now);
                }
                catch (System.Data.Common.DbException ex)
                {
                    // A busy store delays a heartbeat; the next tick tries again, well before the run would count as stale.
                    LogMissed(_logger, ex, _runId);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The run ended.
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not write the heartbeat of model run #{RunId}; retrying")]
    private static partial void LogMissed(ILogger logger, Exception exception, long runId);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
