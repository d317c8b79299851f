using Dashboard.Shared;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;

namespace Dashboard.Features.Recommendations;

/// <summary>Localized labels of the product audience chart, in funnel order.</summary>
public sealed record ProductAudienceLabels(string Exposed, string Clicked, string Visited, string AddedToCart, string Ordered,
    string Similar, string InTopTen, string Signals, string Found, string Customers);

/// <summary>Maps a product's campaign-signal audience to a Plotly chart. Texts come in already localized.</summary>
public static class ProductChart
{
    /// <summary>
    /// The audience its campaign signals found: customers by the deepest kind of signal they gave (exposed, clicked,
    /// visited, added to cart, ordered; one bar each, a customer counted in every kind they gave), then the expanded
    /// similar audience and the customers whose stored top 10 holds it (when known). Horizontal bars, first on top.
    /// </summary>
    public static ChartSpec Audience(SignalCounts counts, int? expanded, int? inTopTen, ProductAudienceLabels labels)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(labels);
        (string Label, int Count)[] signals =
        [
            (labels.Exposed, counts.Exposed), (labels.Clicked, counts.Clicked), (labels.Visited, counts.Visited),
            (labels.AddedToCart, counts.AddedToCart), (labels.Ordered, counts.Ordered),
        ];
        var found = new List<(string Label, int Count)>();
        if (expanded is { } e)
        {
            found.Add((labels.Similar, e));
        }
        if (inTopTen is { } t)
        {
            found.Add((labels.InTopTen, t));
        }
        // Plotly draws the first category at the bottom of a horizontal bar chart: reverse so the funnel reads top-down.
        var order = signals.Concat(found).Select(s => (object)s.Label).Reverse().ToList();
        var data = new List<Plotly.Blazor.ITrace> { Bars(signals, labels.Signals, "#1565c0") };
        if (found.Count > 0)
        {
            data.Add(Bars(found, labels.Found, "#ef6c00"));
        }
        var layout = ChartSpec.BaseLayout(height: 80 + 34 * order.Count);
        layout.Margin = new Margin { L = 200, R = 24, T = 8, B = 40 };
        layout.XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = labels.Customers } }];
        layout.YAxis = [new YAxis { CategoryOrder = Plotly.Blazor.LayoutLib.YAxisLib.CategoryOrderEnum.Array, CategoryArray = order }];
        return new ChartSpec(data, layout);
    }

    private static Bar Bars(IReadOnlyList<(string Label, int Count)> rows, string name, string color) => new()
    {
        Name = name,
        Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H,
        X = rows.Select(r => (object)r.Count).ToList(),
        Y = rows.Select(r => (object)r.Label).ToList(),
        HoverTemplate = "%{y}: %{x:,}<extra></extra>",
        Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = color },
    };
}
