using System.Globalization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Dashboard.Shared;

namespace Dashboard.Features.Overview;

/// <summary>Maps the Overview's view record to Plotly charts.</summary>
public static class OverviewChart
{
    /// <summary>Stacked monthly revenue bars, one trace per source.</summary>
    public static ChartSpec RevenueByMonth(IReadOnlyList<MonthSourceRevenue> rows, string currencySymbol)
    {
        var months = rows.Select(r => r.Month).Distinct().Order().ToList();
        var traces = rows.GroupBy(r => r.Source)
            .OrderByDescending(g => g.Sum(r => r.Revenue))
            .Select(g =>
            {
                var byMonth = g.ToDictionary(r => r.Month, r => r.Revenue);
                return (ITrace)new Bar
                {
                    Name = g.Key,
                    X = months.Select(m => (object)MonthLabel(m)).ToList(),
                    Y = months.Select(m => (object)Math.Round(byMonth.GetValueOrDefault(m), 2)).ToList(),
                    HoverTemplate = "%{x}<br>" + g.Key + ": " + currencySymbol + "%{y:,.0f}<extra></extra>",
                };
            })
            .ToList();
        var layout = ChartSpec.BaseLayout();
        layout.BarMode = BarModeEnum.Stack;
        layout.XAxis = [MonthAxis()];
        layout.YAxis = [new YAxis { TickPrefix = currencySymbol, TickFormat = "~s" }];
        return new ChartSpec(traces, layout);
    }

    /// <summary>Share of revenue per source as a donut.</summary>
    public static ChartSpec RevenueBySource(IReadOnlyList<SourceRevenue> rows)
    {
        var pie = new Pie
        {
            Labels = rows.Select(r => (object)r.Source).ToList(),
            Values = rows.Select(r => (object)Math.Round(r.Revenue, 2)).ToList(),
            Hole = 0.5m,
            Sort = false,
        };
        var layout = ChartSpec.BaseLayout();
        layout.Margin = new Margin { L = 16, R = 16, T = 16, B = 16 };
        return new ChartSpec([pie], layout);
    }

    /// <summary>New and returning buyers per month, stacked.</summary>
    public static ChartSpec NewVsReturning(IReadOnlyList<MonthCustomers> rows, string newLabel, string returningLabel)
    {
        var x = rows.Select(r => (object)MonthLabel(r.Month)).ToList();
        var layout = ChartSpec.BaseLayout();
        layout.BarMode = BarModeEnum.Stack;
        layout.XAxis = [MonthAxis()];
        return new ChartSpec(
        [
            new Bar { Name = newLabel, X = x, Y = rows.Select(r => (object)r.New).ToList() },
            new Bar { Name = returningLabel, X = x, Y = rows.Select(r => (object)r.Returning).ToList() },
        ], layout);
    }

    // Months are categories ("2026-05"): as dates, Plotly would tick them at arbitrary days.
    private static XAxis MonthAxis() => new() { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category };

    private static string MonthLabel(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
