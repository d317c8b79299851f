using Dashboard.Domain.Allocation;
using Dashboard.Shared;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace Dashboard.Features.Budget;

/// <summary>Labels of the group chart, already localized by the page.</summary>
/// <param name="Groups">Display name per group.</param>
public sealed record CustomerGroupsChartLabels(IReadOnlyDictionary<CustomerGroup, string> Groups, string Current, string Proposed, string Budget,
    string ExpectedReturn);

/// <summary>Maps the customer-group view to one Plotly chart: expected return against group budget, per group.</summary>
public static class CustomerGroupsChart
{
    public static readonly IReadOnlyDictionary<CustomerGroup, string> Colors = new Dictionary<CustomerGroup, string>
    {
        [CustomerGroup.Retain] = "#7a3e9d",
        [CustomerGroup.Develop] = "#2e7d32",
        [CustomerGroup.WinBack] = "#ef6c00",
        [CustomerGroup.Acquire] = "#1565c0",
    };

    /// <summary>Points per curve.</summary>
    public const int GridPoints = 60;

    /// <summary>
    /// One curve per non-empty group from 0 to the larger of the whole budget and twice the group's proposed budget, with the
    /// current (open circle) and proposed (filled) points.
    /// </summary>
    public static ChartSpec Curves(CustomerGroupsView view, CustomerGroupsChartLabels labels, string currencySymbol)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(labels);
        var traces = new List<ITrace>();
        for (var i = 0; i < view.Model.Groups.Count; i++)
        {
            var group = view.Model.Groups[i];
            if (group.IsEmpty)
            {
                continue;
            }
            var (current, proposed) = (view.Current.Groups[i], view.Proposed.Groups[i]);
            var name = labels.Groups[group.Group];
            var color = Colors[group.Group];
            var top = Math.Max(1, Math.Max(view.Total, Math.Max(2 * proposed.Budget, 1.2 * current.Budget)));
            var spend = Enumerable.Range(0, GridPoints + 1).Select(k => top * k / GridPoints).ToList();
            traces.Add(new Scatter
            {
                Name = name, X = spend.Select(s => (object)Math.Round(s, 2)).ToList(), Y = spend.Select(s => (object)Math.Round(group.ExpectedReturn(s), 2)).ToList(),
                Mode = ModeFlag.Lines, Line = new Line { Color = color, Width = 2 }, LegendGroup = name,
                HoverTemplate = name + "<br>" + currencySymbol + "%{x:,.0f} → " + currencySymbol + "%{y:,.0f}<extra></extra>",
            });
            traces.Add(Point(name + " · " + labels.Current, current, color, Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.CircleOpen, name, currencySymbol));
            traces.Add(Point(name + " · " + labels.Proposed, proposed, color, Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.Circle, name, currencySymbol));
        }
        var layout = ChartSpec.BaseLayout(height: 360);
        layout.XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = labels.Budget }, TickPrefix = currencySymbol, TickFormat = "~s" }];
        layout.YAxis = [new YAxis
        {
            Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = labels.ExpectedReturn }, TickPrefix = currencySymbol, TickFormat = "~s",
            RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero,
        }];
        layout.Margin = new Margin { L = 64, R = 16, T = 16, B = 48 };
        return new ChartSpec(traces, layout);
    }

    private static Scatter Point(string name, GroupOutcome outcome, string color, Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum symbol, string group,
        string currencySymbol) => new()
    {
        Name = name, X = [Math.Round(outcome.Budget, 2)], Y = [Math.Round(outcome.ExpectedReturn, 2)], Mode = ModeFlag.Markers, ShowLegend = false,
        LegendGroup = group, Marker = new Marker { Color = color, Size = 10, Symbol = symbol, Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Color = color, Width = 2 } },
        HoverTemplate = name + "<br>" + currencySymbol + "%{x:,.0f} → " + currencySymbol + "%{y:,.0f}<extra></extra>",
    };
}
