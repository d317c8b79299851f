using Dashboard.Data;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Features.Budget;

/// <summary>
/// At start-up, queues a "budget-curves" run when the store has weekly spend but no fitted curves yet, so the Budget page
/// has curves without anyone fitting on a request. Registered after the job worker, which settles interrupted runs first.
/// </summary>
public sealed partial class BudgetCurvesStarter(
    IDbContextFactory<DashboardDbContext> dbFactory,
    JobQueue queue,
    IOptions<BudgetOptions> options,
    ILogger<BudgetCurvesStarter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.FitOnStart)
        {
            return;
        }
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
            if (await db.ChannelCurves.AnyAsync(stoppingToken) || !await db.ChannelSpends.AnyAsync(stoppingToken)
                || queue.Active(BudgetCurvesJob.JobKind) is not null)
            {
                return;
            }
            var runId = await queue.EnqueueAsync(BudgetCurvesJob.JobKind, null, stoppingToken);
            LogQueued(logger, runId);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app stopped while starting.
        }
    }

    [LoggerMessage(LogLevel.Information, "No response curves yet: queued budget-curves run #{RunId}")]
    private static partial void LogQueued(ILogger logger, long runId);
}
