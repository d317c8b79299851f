using Dashboard.Data;
using Dashboard.Features.Recommendations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Cli;

/// <summary>
/// "recommendations": runs the recommendations model on the store headlessly (as the app's background run does) and
/// prints its result: the offline evaluation (hit rate@10, NDCG@10 against popularity), top products per segment and
/// where cold-start products rank for the customers their campaigns reached.
/// </summary>
public sealed class RecommendationsVerb : ICliVerb
{
    public string Name => "recommendations";

    public string Usage => "recommendations [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        _ = context.Json; // the result is nested JSON either way
        var dbFactory = context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        var (runId, json) = await HeadlessModelRun.RunAsync(dbFactory, new RecommendationsJob(dbFactory, NullLogger<RecommendationsJob>.Instance), null, context.Cancellation);
        await context.WriteJsonAsync(new { runId, result = RecommendationsJob.ParseResult(json) });
        return 0;
    }
}
