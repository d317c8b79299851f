using Bunit;
using Dashboard.Domain.Measurement;
using Dashboard.Features.Campaigns;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Features.Campaigns;

public class CampaignComponentsTests : DashboardComponentTest
{
    [Fact]
    public void ArmMetricsTable_Experiment_ShowsRatesLiftIntervalAndP()
    {
        var view = CampaignsChartTests.Experiment();

        var cut = Render<ArmMetricsTable>(p => p.Add(c => c.Experiment, view));

        var control = cut.Find("[data-testid='arm-row-control']").TextContent;
        Assert.Contains("100", control);
        Assert.Contains("10.00%", control);
        var sms = cut.FindAll("[data-testid='arm-row-sms']");
        Assert.Equal(2, sms.Count);
        Assert.Contains("25.00%", sms[0].TextContent);
        var lift = cut.Find("[data-testid='lift-sms-conversion']").TextContent;
        Assert.Contains("+15.00 pp", lift);
        var e = view.Result.Arms[0].Metrics[0].Estimate;
        Assert.Contains($"[{LiftFormat.Points(e.LiftLow)}, {LiftFormat.Points(e.LiftHigh)}]", lift);
        Assert.Contains("+150.0%", sms[0].TextContent);
        Assert.Contains(LiftFormat.P(e.PValue), sms[0].TextContent);
        Assert.Contains("¥2.50", sms[1].TextContent);
    }

    [Fact]
    public void ArmEconomicsTable_CostGiven_ShowsIncrementalRevenueAndRoi()
    {
        var arms = Enumerable.Repeat("control", 100).Concat(Enumerable.Repeat("sms", 100)).ToArray();
        var conversion = arms.Select((a, i) => (a == "control" ? i < 10 : i - 100 < 25) ? 1.0 : 0.0).ToArray();
        var data = ExperimentData.FromLabels(arms, "control",
            [new MetricColumn("conversion", MetricKind.Binary, conversion), new MetricColumn("revenue", MetricKind.Continuous, [.. conversion.Select(c => c * 10)])]);
        var result = ExperimentAnalyzer.Analyze(data, new AnalysisSettings
        {
            ConversionMetric = "conversion", RevenueMetric = "revenue", ArmCosts = new Dictionary<string, double> { ["sms"] = 100 },
        });

        var cut = Render<ArmEconomicsTable>(p => p.Add(c => c.Arms, result.Arms));

        var text = cut.Find("[data-testid='arm-economics'] tbody tr").TextContent;
        Assert.Contains("¥150", text);
        Assert.Contains("15.0", text);
        Assert.Contains("50.0%", cut.Find("[data-testid='roi-sms']").TextContent);
    }

    [Fact]
    public void SrmBanner_Mismatch_LoudErrorAlertWithArmShares()
    {
        var srm = SampleRatioMismatch.Test([("control", 500L), ("sms", 500L)], new Dictionary<string, double> { ["control"] = 0.1, ["sms"] = 0.9 });

        var cut = Render<SrmBanner>(p => p.Add(c => c.Srm, srm));

        var banner = cut.Find("[data-testid='srm-banner']");
        Assert.Equal("true", banner.GetAttribute("data-flagged"));
        Assert.Contains("mud-alert-filled-error", banner.ClassName);
        Assert.Contains("Sample ratio mismatch", banner.TextContent);
        Assert.Contains("control: 500 (50.0% vs planned 10.0%)", banner.TextContent);
    }

    [Fact]
    public void SrmBanner_AsPlanned_QuietSuccessLine()
    {
        var srm = SampleRatioMismatch.Test([("control", 100L), ("sms", 900L)], new Dictionary<string, double> { ["control"] = 0.1, ["sms"] = 0.9 });

        var cut = Render<SrmBanner>(p => p.Add(c => c.Srm, srm));

        var banner = cut.Find("[data-testid='srm-banner']");
        Assert.Equal("false", banner.GetAttribute("data-flagged"));
        Assert.DoesNotContain("mud-alert-filled-error", banner.ClassName);
        Assert.Contains("Sample ratio as planned", banner.TextContent);
    }

    [Fact]
    public void CampaignListTable_Rows_LinkToTheCampaignAndFlagSrm()
    {
        var campaign = new CampaignSummary(4, "DY-1", "Douyin test", "Douyin ads", new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc), 2000, "Buyers", 0.15);
        var headline = new CampaignHeadline(0.04, 0.01, 0.07, 0.003, 0.5, new IncrementalTotal(5000, 1000, 9000), new IncrementalTotal(1.5, -0.5, 3.5), SrmFlagged: true, Observational: false);
        CampaignListRow[] rows = [new(campaign, 1000, 150, headline, null)];

        var cut = Render<CampaignListTable>(p => p.Add(c => c.Rows, rows).Add(c => c.Href, id => $"/campaigns/{id}?attr=0"));

        Assert.Equal("/campaigns/4?attr=0", cut.Find("[data-testid='campaign-row-DY-1'] a").GetAttribute("href"));
        Assert.Contains("+4.00 pp", cut.Find("[data-testid='headline-lift']").TextContent);
        Assert.Contains("Significant", cut.Find("[data-testid='headline-lift']").TextContent);
        Assert.Contains("2026-04-30", cut.Find("[data-testid='campaign-row-DY-1']").TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid='srm-icon']"));
        Assert.Empty(cut.FindAll("[data-testid='observational-icon']"));
    }

    [Fact]
    public void ObservationalPanel_MatchedComparison_WarnsAndShowsBalance()
    {
        var units = Enumerable.Range(0, 40).Select(i => new ObservationalUnit(
            i.ToString(System.Globalization.CultureInfo.InvariantCulture), i < 10, i % 2 == 0 ? "tier1|Aware" : "tier2|Aware",
            [i % 5, i % 3, i % 2 == 0 ? 1 : 2, 0], [i % 4 == 0 ? 1 : 0, i < 10 && i % 3 == 0 ? 1 : 0, i % 7])).ToList();
        var result = ObservationalComparison.Compare(
            new ObservationalData(CampaignAnalysis.BalanceFeatures, [CampaignAnalysis.Response, CampaignAnalysis.Conversion, CampaignAnalysis.Revenue], units),
            new MatchingSettings(MatchingMethod.ExactStrata));
        var view = new ObservationalView(result, 10, 30, CampaignAnalysis.Metrics);

        var cut = Render<ObservationalPanel>(p => p.Add(c => c.View, view).Add(c => c.ExactHref, "/campaigns/2").Add(c => c.PropensityHref, "/campaigns/2?match=propensity"));

        Assert.Contains("no random holdout", cut.Find("[data-testid='observational-warning']").TextContent);
        Assert.Equal(4, cut.FindAll("[data-testid='balance'] tbody tr").Count);
        Assert.Contains("City tier", cut.Find("[data-testid='balance']").TextContent);
        Assert.Equal(3, cut.FindAll("[data-testid='observational-effects'] tbody tr").Count);
        Assert.Equal("/campaigns/2?match=propensity", cut.Find("[data-testid='match-propensity']").GetAttribute("href"));
    }
}
