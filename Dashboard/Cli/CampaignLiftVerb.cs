using System.Globalization;
using System.Text.Json;
using Dashboard.Data;
using Dashboard.Features.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Cli;

/// <summary>
/// `campaign lift`: the conversion lift of every stored campaign's treatment arms (the campaign page's figures,
/// headless), beside the true lift when the store holds the demo brand's ground truth (DemoTruth "campaigns").
/// </summary>
public sealed class CampaignLiftVerb : ICliVerb
{
    public string Name => "campaign lift";

    public string Usage => "campaign lift [--id N] [--attr DAYS (default 7)] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var id = context.Args.Optional("id") is null ? (int?)null : context.Args.Int("id", 0, min: 1);
        var attr = context.Args.Int("attr", CampaignQuery.DefaultAttributionDays, 0, CampaignQuery.MaxAttributionDays);
        var json = context.Json;
        var factory = context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        var service = new CampaignsService(factory, context.Services.GetRequiredService<ILogger<CampaignsService>>());
        var truth = await TrueLiftsAsync(factory, context.Cancellation);

        await using var db = await factory.CreateDbContextAsync(context.Cancellation);
        var ids = id is { } one ? [one] : await db.Campaigns.OrderBy(c => c.StartUtc).Select(c => c.Id).ToListAsync(context.Cancellation);
        var rows = new List<object>();
        foreach (var campaignId in ids)
        {
            var view = await service.LoadAsync(campaignId, new CampaignQuery(attr), context.Cancellation)
                ?? throw new CliUsageException($"no campaign with id {campaignId}");
            var arms = view.Experiment?.Result.Arms.Select(a =>
            {
                var e = a.Metrics.Single(m => m.Metric == CampaignAnalysis.Conversion).Estimate;
                return new ArmLift(a.Arm, a.N, e.Lift, e.LiftLow, e.LiftHigh, e.PValue, truth.GetValueOrDefault((campaignId, a.Arm)));
            }).ToList() ?? [];
            rows.Add(new
            {
                campaignId,
                code = view.Campaign.Code,
                attributionDays = attr,
                control = view.Experiment?.Result.Control.N,
                srmPValue = view.Experiment?.Result.Srm.PValue,
                observational = view.Observational is not null,
                headline = view.Headline is { } h ? new { lift = h.Lift, liftLow = h.LiftLow, liftHigh = h.LiftHigh, pValue = h.PValue } : null,
                trueLift = truth.GetValueOrDefault((campaignId, "")),
                arms,
                problem = view.Problem,
            });
            if (!json)
            {
                var c = CultureInfo.InvariantCulture;
                await context.Out.WriteLineAsync(string.Create(c, $"{view.Campaign.Code} (attribution +{attr} d, control n = {view.Experiment?.Result.Control.N}){(view.Problem is null ? "" : " " + view.Problem)}"));
                foreach (var a in arms)
                {
                    await context.Out.WriteLineAsync(string.Create(c,
                        $"  {a.Arm,-10} n {a.N,7:N0}  lift {a.Lift * 100,6:+0.00;-0.00} pp [{a.LiftLow * 100:+0.00;-0.00}, {a.LiftHigh * 100:+0.00;-0.00}]  p {a.PValue:0.0000}{(a.TrueLift is { } t ? $"  true {t * 100:+0.00;-0.00} pp  {(t >= a.LiftLow && t <= a.LiftHigh ? "covered" : "NOT covered")}" : "")}"));
                }
            }
        }
        if (json)
        {
            await context.WriteJsonAsync(new { campaigns = rows });
        }
        return 0;
    }

    private sealed record ArmLift(string Arm, long N, double Lift, double LiftLow, double LiftHigh, double PValue, double? TrueLift);

    /// <summary>(campaign id, arm) → true lift from the demo truth; arm "" is the pooled lift. Empty without a demo brand.</summary>
    private static async Task<Dictionary<(int, string), double?>> TrueLiftsAsync(IDbContextFactory<DashboardDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var json = await db.DemoTruths.Where(t => t.Key == "campaigns").Select(t => t.Json).SingleOrDefaultAsync(ct);
        var lifts = new Dictionary<(int, string), double?>();
        if (json is null)
        {
            return lifts;
        }
        using var doc = JsonDocument.Parse(json);
        foreach (var c in doc.RootElement.GetProperty("campaigns").EnumerateArray())
        {
            var id = c.GetProperty("campaignId").GetInt32();
            lifts[(id, "")] = c.GetProperty("trueLift").GetDouble();
            foreach (var arm in c.GetProperty("arms").EnumerateArray())
            {
                lifts[(id, arm.GetProperty("arm").GetString() ?? "")] = arm.GetProperty("trueLift").GetDouble();
            }
        }
        return lifts;
    }
}
