using Dashboard.Shared;
using Plotly.Blazor.Traces;

namespace Dashboard.Features.Customers;

/// <summary>Maps a customer's preferences to Plotly charts.</summary>
public static class CustomerChart
{
    /// <summary>Spend per product category, largest first, as horizontal bars.</summary>
    public static ChartSpec Categories(IReadOnlyList<PreferenceSlice> slices, string currencySymbol)
    {
        var ordered = slices.OrderBy(s => s.Revenue).ToList();
        var bar = new Bar
        {
            Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H,
            X = ordered.Select(s => (object)Math.Round(s.Revenue, 2)).ToList(),
            Y = ordered.Select(s => (object)s.Label).ToList(),
            CustomData = ordered.Select(s => (object)s.Items).ToList(),
            HoverTemplate = "%{y}: " + currencySymbol + "%{x:,.2f} (%{customdata})<extra></extra>",
        };
        var layout = ChartSpec.BaseLayout(height: Math.Max(180, 40 + (28 * ordered.Count)));
        layout.Margin = new Plotly.Blazor.LayoutLib.Margin { L = 110, R = 16, T = 8, B = 32 };
        layout.XAxis = [new Plotly.Blazor.LayoutLib.XAxis { TickPrefix = currencySymbol, TickFormat = "~s" }];
        layout.ShowLegend = false;
        return new ChartSpec([bar], layout);
    }

    /// <summary>Orders and touchpoints per source (grouped bars); revenue in the hover.</summary>
    public static ChartSpec Channels(IReadOnlyList<ChannelPreference> channels, string ordersLabel, string touchpointsLabel, string currencySymbol)
    {
        var x = channels.Select(c => (object)c.Source).ToList();
        var layout = ChartSpec.BaseLayout(height: 260);
        layout.BarMode = Plotly.Blazor.LayoutLib.BarModeEnum.Group;
        return new ChartSpec(
        [
            new Bar
            {
                Name = ordersLabel, X = x, Y = channels.Select(c => (object)c.Orders).ToList(),
                CustomData = channels.Select(c => (object)Math.Round(c.Revenue, 2)).ToList(),
                HoverTemplate = "%{x}: %{y} (" + currencySymbol + "%{customdata:,.2f})<extra></extra>",
            },
            new Bar { Name = touchpointsLabel, X = x, Y = channels.Select(c => (object)c.Touchpoints).ToList() },
        ], layout);
    }
}
