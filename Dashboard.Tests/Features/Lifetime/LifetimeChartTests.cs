using Dashboard.Domain.Lifetime;
using Dashboard.Features.Lifetime;
using Plotly.Blazor.Traces;

namespace Dashboard.Tests.Features.Lifetime;

public class LifetimeChartTests
{
    private static readonly HoldoutLabels Labels = new("Actual", "Model", "Naive", "Model (cond.)", "Calibration end");

    [Fact]
    public void FrequencyBins_Bins_ThreeGroupedBarSeriesInBinOrder()
    {
        FrequencyBin[] bins = [new("0", 100, 0.2, 0.25, 0), new("1", 50, 0.7, 0.5, 1.2), new("7+", 5, 6.4, 6.2, 12.4)];

        var spec = LifetimeChart.FrequencyBins(bins, Labels);

        Assert.Equal(["Actual", "Model", "Naive"], spec.Data.Cast<Bar>().Select(b => b.Name));
        var model = (Bar)spec.Data[1];
        Assert.Equal(["0", "1", "7+"], model.X);
        Assert.Equal([0.25, 0.5, 6.2], model.Y.Cast<double>());
        Assert.Equal(Plotly.Blazor.LayoutLib.BarModeEnum.Group, spec.Layout.BarMode);
    }

    [Fact]
    public void Cumulative_Weeks_ConditionalAndNaiveOnlyAfterTheCalibrationEnd()
    {
        WeeklyCumulative[] weeks =
        [
            new(1, new(2025, 1, 7), 1, 1.2, null, null),
            new(2, new(2025, 1, 14), 3, 2.9, null, null),
            new(3, new(2025, 1, 21), 6, 5.1, 5.5, 6.5),
            new(4, new(2025, 1, 28), 8, 7.0, 7.6, 9.2),
        ];

        var spec = LifetimeChart.Cumulative(weeks, new(2025, 1, 14), Labels);

        var traces = spec.Data.Cast<Scatter>().ToList();
        Assert.Equal(["Actual", "Model", "Model (cond.)", "Naive"], traces.Select(t => t.Name));
        Assert.Equal(4, traces[0].X.Count);
        Assert.Equal(["2025-01-21", "2025-01-28"], traces[2].X);
        Assert.Equal([6.5, 9.2], traces[3].Y.Cast<double>());
        var line = Assert.Single(spec.Layout.Shapes);
        Assert.Equal("2025-01-14", line.X0);
    }

    [Fact]
    public void Distribution_OpenLastBin_LabelledAsAtLeastAndColouredApart()
    {
        ClvBin[] bins = [new(0, 50, 10), new(50, 100, 5), new(100, null, 1)];

        var spec = LifetimeChart.Distribution(bins, "¥", "Customers");

        var bar = Assert.IsType<Bar>(Assert.Single(spec.Data));
        Assert.Equal([25.0, 75.0, 125.0], bar.X.Cast<double>());
        Assert.Equal(["¥0–50", "¥50–100", "≥ ¥100"], bar.CustomData);
        Assert.Equal([10, 5, 1], bar.Y.Cast<int>());
        var colours = bar.Marker.Color as IEnumerable<object>;
        Assert.NotNull(colours);
        Assert.Equal(2, colours.Distinct().Count());
    }

    [Fact]
    public void ByGroup_Horizontal_MeanClvOnXWithCountsInCustomData()
    {
        ClvGroup[] groups = [new("Tmall", 4, 400, 0.5), new("JD", 2, 50, 0.25)];

        var spec = LifetimeChart.ByGroup(groups, "¥", horizontal: true);

        var bar = Assert.IsType<Bar>(Assert.Single(spec.Data));
        Assert.Equal([100.0, 25.0], bar.X.Cast<double>());
        Assert.Equal(["Tmall", "JD"], bar.Y);
        Assert.Equal(4, ((object[])bar.CustomData[0])[0]);
    }

    [Fact]
    public void ExpectedActive_Months_LabelledFromTheDataEnd()
    {
        var spec = LifetimeChart.ExpectedActive([100, 90, 81], new DateOnly(2026, 11, 15), "Active");

        var line = Assert.IsType<Scatter>(Assert.Single(spec.Data));
        Assert.Equal(["2026-11", "2026-12", "2027-01"], line.X);
        Assert.Equal([100.0, 90.0, 81.0], line.Y.Cast<double>());
    }

    [Fact]
    public void Histogram_SkewedValues_EqualBandsUpToThe99thPercentileAndAnOpenTail()
    {
        var values = Enumerable.Range(0, 1000).Select(i => (double)i).Append(1e6).ToList();

        var bins = LifetimeAggregator.Histogram(values, 20);

        Assert.Equal(values.Count, bins.Sum(b => b.Customers));
        Assert.Equal(50, bins[0].To);
        Assert.Equal(20, bins.Count(b => b.To is not null));
        var tail = bins[^1];
        Assert.Null(tail.To);
        Assert.Equal(1000, tail.From);
        Assert.Equal(1, tail.Customers);
    }

    [Fact]
    public void Histogram_AllZero_OneBarWithEveryone()
    {
        var bins = LifetimeAggregator.Histogram([0, 0, 0], 10);

        Assert.Equal(3, bins[0].Customers);
        Assert.Equal(3, bins.Sum(b => b.Customers));
    }

    [Fact]
    public void Histogram_Empty_NoBars()
    {
        Assert.Empty(LifetimeAggregator.Histogram([], 10));
    }
}
