using Dashboard.Domain.Segmentation;
using Dashboard.Features.Segments;
using Plotly.Blazor.Traces;

namespace Dashboard.Tests.Features.Segments;

public class SegmentsChartTests
{
    private static string Money(double x) => "¥" + x.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Heatmap_Cells_PutsCustomersAtFRowAndRColumn()
    {
        var cells = Enumerable.Range(0, 25).Select(k => new RfmHeatmapCell(k / 5 + 1, k % 5 + 1, 0, 0)).ToList();
        cells[(2 - 1) * 5 + (5 - 1)] = new RfmHeatmapCell(2, 5, 7, 1400);

        var spec = SegmentsChart.Heatmap(cells, Money, "Customers", "Revenue");

        var heatmap = Assert.IsType<HeatMap>(Assert.Single(spec.Data));
        var rows = heatmap.Z!.Cast<IList<object>>().ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(7, rows[4][1]); // F5 row, R2 column
        Assert.Equal(7, rows.Sum(r => r.Cast<int>().Sum()));
        Assert.Equal("7<br>¥1,400", ((IList<object>)heatmap.Text!.Cast<object>().ElementAt(4))[1]);
    }

    [Fact]
    public void Pyramid_Tiers_FunnelTopTierFirstWithCountsAndRevenueShare()
    {
        TierRow[] tiers =
        [
            new("0-20", new PyramidTierSummary("Top 20%", 20, 2, 800, 0.8, 800, 0.8, 4, 200, 0.9, 300, 500)),
            new("20-100", new PyramidTierSummary("Bottom 80%", 80, 8, 200, 0.2, 200, 0.2, 8, 25, null, 10, 40)),
        ];

        var spec = SegmentsChart.Pyramid(tiers, n => n.ToUpperInvariant(), Money, "Revenue share", "AOV");

        var funnel = Assert.IsType<Funnel>(Assert.Single(spec.Data));
        Assert.Equal(new object[] { "TOP 20%", "BOTTOM 80%" }, funnel.Y);
        Assert.Equal(new object[] { 2, 8 }, funnel.X);
        Assert.Equal("2 · " + 0.8.ToString("P0", System.Globalization.CultureInfo.CurrentCulture), funnel.TextArray![0]);
    }

    [Fact]
    public void Pareto_Curve_MarksTheTop20Share()
    {
        var curve = Dashboard.Domain.Segmentation.Pareto.Curve(new double[] { 80, 5, 5, 5, 5 }, 10);

        var spec = SegmentsChart.Pareto(curve, "x", "y", "equal", "curve");

        Assert.Equal(3, spec.Data.Count);
        var line = Assert.IsType<Scatter>(spec.Data[0]);
        Assert.Equal(11, line.X!.Count);
        var mark = Assert.IsType<Scatter>(spec.Data[2]);
        Assert.Equal(0.8, (double)mark.Y![0]);
    }

    [Fact]
    public void Sankey_Migration_NodesForBothPeriodsAndLinkValues()
    {
        LabelAssignment[] before = [new("1", "A"), new("2", "A"), new("3", "B")];
        LabelAssignment[] after = [new("1", "B"), new("2", "A"), new("4", "A")];
        var migration = CrowdFlow.Migrate(before, after, ["A", "B"]);

        var spec = SegmentsChart.Sankey(migration, l => l.ToLowerInvariant(), "(Feb)", "(Mar)");

        var sankey = Assert.IsType<Sankey>(Assert.Single(spec.Data));
        Assert.Equal(new object[] { "a (Feb)", "b (Feb)", "a (Mar)", "b (Mar)", "(entered)", "(left)" }, sankey.Node!.Label);
        Assert.Equal(new object[] { 1, 1, 1, 1 }, sankey.Link!.Value); // A→A, A→B, entered→A, B→left
        Assert.Equal(new object[] { 0, 0, 4, 1 }, sankey.Link.Source);
        Assert.Equal(new object[] { 2, 3, 2, 5 }, sankey.Link.Target);
    }
}
