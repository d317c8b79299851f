using Dashboard.Features.Customers;
using Plotly.Blazor.Traces;

namespace Dashboard.Tests.Features.Customers;

public class CustomerChartTests
{
    [Fact]
    public void Categories_Slices_HorizontalBarsLargestOnTop()
    {
        var spec = CustomerChart.Categories([new("serum", 300, 2), new("toner", 120.456, 3)], "¥");

        var bar = Assert.IsType<Bar>(Assert.Single(spec.Data));
        Assert.Equal(["toner", "serum"], bar.Y!.Cast<string>());
        Assert.Equal([120.46, 300.0], bar.X!.Cast<double>());
        Assert.Contains("¥", bar.HoverTemplate);
    }

    [Fact]
    public void Channels_Preferences_OrdersAndTouchpointsPerSource()
    {
        var spec = CustomerChart.Channels([new("Tmall", 3, 900, 10), new("SMS", 0, 0, 4)], "Orders", "Touchpoints", "¥");

        Assert.Equal(2, spec.Data.Count);
        var orders = Assert.IsType<Bar>(spec.Data[0]);
        var touches = Assert.IsType<Bar>(spec.Data[1]);
        Assert.Equal(("Orders", "Touchpoints"), (orders.Name, touches.Name));
        Assert.Equal([3, 0], orders.Y!.Cast<int>());
        Assert.Equal([10, 4], touches.Y!.Cast<int>());
        Assert.Equal(["Tmall", "SMS"], orders.X!.Cast<string>());
    }
}
