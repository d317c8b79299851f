using System.Text.Json;
using Dashboard.Data;
using Dashboard.Features.Recommendations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Cli;

/// <summary>
/// "recommendations": runs the recommendations model on the store headlessly (as the app's background run does) and
/// prints its result: the offline evaluation (hit rate@10, NDCG@10 against popularity), top products per segment and
/// where cold-start products rank for the customers their campaigns reached. --settings takes the run's parameters as
/// JSON (RecommendationRunSettings), e.g. {"coldMaxBuyers":-1} to run without cold start, or
/// {"coldStart":{"calibrate":false,"engagedBoost":0}} to run without the cold-start blend.
/// </summary>
public sealed class RecommendationsVerb : ICliVerb
{
    public string Name => "recommendations";

    public string Usage => "recommendations [--settings JSON] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        _ = context.Json; // the result is nested JSON either way
        var settings = context.Args.Optional("settings");
        if (settings is not null)
        {
            try
            {
                _ = JsonSerializer.Deserialize<RecommendationRunSettings>(settings, CliApp.JsonOptions);
            }
            catch (JsonException ex)
            {
                throw new CliUsageException($"--settings is not valid run settings JSON: {ex.Message}");
            }
        }
        var dbFactory = context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        var (runId, json) = await HeadlessModelRun.RunAsync(dbFactory, new RecommendationsJob(dbFactory, NullLogger<RecommendationsJob>.Instance), settings, context.Cancellation);
        await context.WriteJsonAsync(new { runId, result = RecommendationsJob.ParseResult(json) });
        return 0;
    }
}
