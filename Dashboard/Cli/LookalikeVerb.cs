using Dashboard.Data;
using Dashboard.Features.Lookalike;
using Dashboard.Features.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Cli;

/// <summary>
/// "lookalike": runs the lookalike model on the store headlessly (as the app's background run does) and prints the run
/// result: held-out AUC, top-decile lift, feature importance, the 1–20% curve and, on the demo brand, the richness of the
/// top decile in truly high-value people. A segment-filter seed needs segment snapshots; when none is stored the
/// segments model runs first (without a lifetime run, so VAP filters are unavailable then).
/// </summary>
public sealed class LookalikeVerb : ICliVerb
{
    public string Name => "lookalike";

    public string Usage => "lookalike (--segment S | --tier T | --stage S | --vap CELL | --audience ID | --ids FILE) [--no-purchases] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var args = context.Args;
        _ = context.Json; // the result is nested JSON either way; --json is accepted for symmetry with other verbs
        var usePurchases = !args.Flag("no-purchases");
        var idsFile = args.Optional("ids");
        var audience = args.Optional("audience");
        LookalikeParameters parameters;
        if (idsFile is not null)
        {
            if (!File.Exists(idsFile))
            {
                throw new CliUsageException($"--ids: file '{idsFile}' not found");
            }
            var (ids, error) = LookalikeService.ParseIds(await File.ReadAllTextAsync(idsFile, context.Cancellation));
            parameters = error is null
                ? new LookalikeParameters { CustomerIds = ids, ListName = Path.GetFileName(idsFile), UsePurchaseFeatures = usePurchases }
                : throw new CliInputException($"{idsFile}: {error}");
        }
        else if (audience is not null)
        {
            parameters = long.TryParse(audience, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? new LookalikeParameters { AudienceId = id, UsePurchaseFeatures = usePurchases }
                : throw new CliUsageException($"--audience must be an audience id (got '{audience}')");
        }
        else
        {
            var filter = CustomerSegmentFilter.Parse(args.Optional("segment"), args.Optional("tier"), args.Optional("stage"), args.Optional("vap"), null, null, null);
            if (filter.IsEmpty)
            {
                throw new CliUsageException("give a seed: --segment, --tier, --stage, --vap, --audience or --ids (unknown values are ignored)");
            }
            parameters = LookalikeParameters.FromFilter(filter, usePurchases);
        }

        var dbFactory = context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        if (parameters.CustomerIds is null && parameters.AudienceId is null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(context.Cancellation);
            if (!await db.SegmentPeriods.AnyAsync(context.Cancellation))
            {
                await HeadlessModelRun.RunAsync(dbFactory,
                    new SegmentsJob(dbFactory, new NoLifetimeSnapshots(), TimeProvider.System, NullLogger<SegmentsJob>.Instance), null, context.Cancellation);
            }
        }
        var (runId, json) = await HeadlessModelRun.RunAsync(dbFactory, new LookalikeJob(dbFactory, NullLogger<LookalikeJob>.Instance), parameters.ToJson(), context.Cancellation);
        var result = LookalikeJob.ParseResult(json)!;
        await context.WriteJsonAsync(new { runId, result });
        return 0;
    }
}
