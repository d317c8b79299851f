using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Cli;

/// <summary>Runs a model job in the CLI process and records it as a ModelRun, as the app's worker would.</summary>
internal static class HeadlessModelRun
{
    public static async Task<(long RunId, string? ResultJson)> RunAsync(IDbContextFactory<DashboardDbContext> dbFactory, IModelJob job, string? parametersJson, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = new ModelRun { Kind = job.Kind, Status = JobQueue.Running, RequestedUtc = DateTime.UtcNow, StartedUtc = DateTime.UtcNow, ParametersJson = parametersJson };
        db.ModelRuns.Add(run);
        await db.SaveChangesAsync(ct);
        try
        {
            run.ResultJson = await job.RunAsync(new ModelJobContext(run.Id, parametersJson, new Progress<JobProgress>()), ct);
            run.Status = JobQueue.Succeeded;
        }
        catch (ModelJobException ex)
        {
            run.Status = JobQueue.Failed;
            run.Error = ex.Message;
            run.FinishedUtc = DateTime.UtcNow;
            await db.SaveChangesAsync(CancellationToken.None);
            throw new CliInputException(ex.Message);
        }
        run.FinishedUtc = DateTime.UtcNow;
        await db.SaveChangesAsync(CancellationToken.None);
        return (run.Id, run.ResultJson);
    }
}
