using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;

namespace Dashboard.Shared;

/// <summary>What a chart shows: Plotly traces and layout, built by a feature's *Chart mapper.</summary>
public sealed record ChartSpec(IList<ITrace> Data, Layout Layout)
{
    /// <summary>The layout every chart starts from: transparent background, tight margins, legend below.</summary>
    public static Layout BaseLayout(string? title = null, int height = 340) => new()
    {
        Title = title is null ? null : new Title { Text = title, Font = new Plotly.Blazor.LayoutLib.TitleLib.Font { Size = 15 } },
        Height = height,
        Margin = new Margin { L = 56, R = 16, T = title is null ? 16 : 44, B = 48 },
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        Font = new Font { Family = "Roboto, Helvetica, Arial, sans-serif", Size = 12 },
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = -0.18m }],
    };
}
