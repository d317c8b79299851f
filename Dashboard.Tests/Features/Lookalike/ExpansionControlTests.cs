using Bunit;
using Dashboard.Domain.Audiences;
using Dashboard.Features.Lookalike;
using Dashboard.Tests.TestSupport;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Tests.Features.Lookalike;

public class ExpansionControlTests : DashboardComponentTest
{
    private static readonly ExpansionPoint[] Curve = [.. Enumerable.Range(1, 20).Select(p => new ExpansionPoint(p, p * 100, 1 - p / 100.0, 1 - p / 50.0))];

    [Fact]
    public void Render_ShowsTheChosenSizeAndItsSimilarity()
    {
        var cut = Render<ExpansionControl>(p => p.Add(c => c.Curve, Curve).Add(c => c.Percent, 5));

        Assert.Contains("top 5% of the pool", cut.Markup);
        Assert.Contains("500 people, mean similarity 0.950, cut-off 0.900", cut.Find("[data-testid=expansion-summary]").TextContent);
    }

    [Fact]
    public void MoveSlider_RaisesTheNewSize()
    {
        var chosen = 0;
        var cut = Render<ExpansionControl>(p => p.Add(c => c.Curve, Curve).Add(c => c.Percent, 5)
            .Add(c => c.PercentChanged, EventCallback.Factory.Create<int>(this, v => chosen = v)));

        cut.Find("input[type=range]").Input("12");

        Assert.Equal(12, chosen);
    }
}
