using Dashboard.Cli;
using Dashboard.Data.Seed;
using Dashboard.Tests.TestSupport;
using Xunit.Abstractions;

namespace Dashboard.Tests.Features.Lifetime;

/// <summary>
/// The lifetime models fitted on the seeded demo brand (20,000 buyers, seed 42) through the store's SQL summaries,
/// scored against the generating parameters (BG/NBD r=0.6, α=10, a=0.8, b=2.5 weekly; Gamma-Gamma p=6, q=4, γ=150).
/// </summary>
public class DemoBrandRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fit_DemoBrandWithoutCampaignOrders_RecoversTheTruthWithinThreeStandardErrors()
    {
        await using var db = await TestDatabase.CreateAsync();
        await new DemoBrandSeeder(db.Factory).SeedAsync(new DemoBrandSettings(20_000, 42), null, CancellationToken.None);

        var report = await LifetimeRecovery.RunAsync(db.Factory, CancellationToken.None);

        Assert.NotNull(report);
        foreach (var fit in report.Fits)
        {
            output.WriteLine($"{fit.Orders} orders ({fit.LeftOut} left out of {report.CampaignExtraOrders} campaign extra orders): " + string.Join(", ",
                fit.Parameters.Select(p => $"{p.Name} {p.Fitted:G4} vs {p.Truth:G4} ({p.RelativeError:+0.0%;-0.0%}, {p.StandardErrors:F1} se)")));
        }
        var natural = report.Fits.Single(f => f.Orders == "natural");
        // Customers are derived by identity resolution (recall about 0.96): when a person's identities end up in two
        // profiles, the campaign assignment and its extra order can sit on different ones and the order is not found.
        Assert.InRange(natural.LeftOut, 0.9 * report.CampaignExtraOrders, report.CampaignExtraOrders);
        Assert.All(natural.Parameters, p => Assert.True(p.StandardErrors < 3, $"{p.Name}: {p.Fitted} vs {p.Truth} ({p.StandardErrors:F1} se)"));
        var byName = natural.Parameters.ToDictionary(p => p.Name);
        var meanOrderValue = byName["p"].Fitted * byName["gamma"].Fitted / (byName["q"].Fitted - 1);
        Assert.InRange(meanOrderValue, 0.97 * 300, 1.03 * 300);
        // The campaign orders are outside the BG/NBD process; with them the purchase rates are biased upwards.
        var all = report.Fits.Single(f => f.Orders == "all").Parameters.ToDictionary(p => p.Name);
        Assert.True(all["r"].RelativeError > byName["r"].RelativeError);
    }
}
