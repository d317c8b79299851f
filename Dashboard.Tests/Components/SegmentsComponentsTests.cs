using Bunit;
using Dashboard.Domain.Segmentation;
using Dashboard.Features.Segments;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Components;

public class SegmentsComponentsTests : DashboardComponentTest
{
    private static readonly DateOnly Period = new(2026, 10, 31);

    private static TierRow[] Tiers(double? pAlive) =>
    [
        new("0-1", new PyramidTierSummary("Top 1%", 1, 200, 900_000, 0.3, 900_000, 0.3, 1_800, 500, pAlive, 2_500, 40_000)),
        new("50-100", new PyramidTierSummary("Bottom 50%", 50, 10_000, 300_000, 0.1, 300_000, 0.1, 11_000, 27.3, pAlive, 0, 60)),
    ];

    [Fact]
    public void TierTable_Tiers_LinkEachTierToItsCustomerList()
    {
        var cut = Render<TierTable>(p => p.Add(c => c.Tiers, Tiers(null)).Add(c => c.Period, Period));

        var links = cut.FindAll("[data-testid=tier-link]");
        Assert.Equal(2, links.Count);
        Assert.Equal("/customers?tier=0-1&period=2026-10-31", links[0].GetAttribute("href"));
        Assert.Equal("/customers?tier=50-100&period=2026-10-31", links[1].GetAttribute("href"));
        Assert.Contains("Top 1%", links[0].TextContent);
        var first = cut.FindAll("[data-testid=tier-row]")[0].TextContent;
        Assert.Contains("200", first);
        Assert.Contains(0.3.ToString("P1", System.Globalization.CultureInfo.CurrentCulture), first);
        Assert.Contains("¥500", first);
    }

    [Fact]
    public void TierTable_WithoutPAlive_HidesThePAliveColumn()
    {
        var without = Render<TierTable>(p => p.Add(c => c.Tiers, Tiers(null)).Add(c => c.Period, Period));
        var with = Render<TierTable>(p => p.Add(c => c.Tiers, Tiers(0.62)).Add(c => c.Period, Period).Add(c => c.HasPAlive, true));

        Assert.DoesNotContain("P(alive)", without.Markup);
        Assert.Contains("Mean P(alive)", with.Markup);
        Assert.Contains(0.62.ToString("P0", System.Globalization.CultureInfo.CurrentCulture), with.FindAll("[data-testid=tier-row]")[0].TextContent);
    }

    [Fact]
    public void VapPanel_NoLifetimeRun_SaysTheModelHasNotRunAndLinksNowhere()
    {
        var cut = Render<VapPanel>(p => p.Add(c => c.Vap, null).Add(c => c.Lifetime, null).Add(c => c.Period, Period));

        Assert.Contains("has not run yet", cut.Find("[data-testid=vap-missing]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=vap-panel] a"));
    }

    [Fact]
    public void VapPanel_WithCells_LinksStrategiesAndCellsToTheCustomerList()
    {
        var cells = Enumerable.Range(0, 27).Select(k =>
        {
            var (v, a, p) = ((VapLevel)(k / 9), (VapLevel)(k / 3 % 3), (VapLevel)(k % 3));
            return new VapCellSummary(v, a, p, VapSegmentation.StrategyOf(v, a, p), k == 26 ? 4 : 0, k == 26 ? 800 : 0);
        }).ToList();
        var strategies = Enum.GetValues<VapStrategy>().Select(s => new VapStrategySummary(s, VapSegmentation.ActionOf(s),
            cells.Where(c => c.Strategy == s).Sum(c => c.Customers), 0)).ToList();

        var cut = Render<VapPanel>(p => p.Add(c => c.Vap, new VapView(9, cells, strategies)).Add(c => c.Lifetime, new LifetimeSnapshotInfo(9, Period)).Add(c => c.Period, Period));

        var hrefs = cut.FindAll("[data-testid=vap-panel] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/customers?strategy=Retain&period=2026-10-31", hrefs);
        Assert.Contains("/customers?vap=HHH&period=2026-10-31", hrefs);
        Assert.Equal(6 + 27, hrefs.Count);
    }

    [Fact]
    public void SegmentTable_Row_LinksToCustomersAndToANewAudience()
    {
        SegmentRow[] rows = [new(RfmSegment.CantLoseThem, "Can't lose them", 12, 0.1, 5_000, 0.2, 3.5)];

        var cut = Render<SegmentTable>(p => p.Add(c => c.Rows, rows).Add(c => c.Period, Period));

        var hrefs = cut.FindAll("[data-testid=segment-row] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/customers?segment=CantLoseThem&period=2026-10-31", "/audiences?segment=CantLoseThem"], hrefs);
    }
}
