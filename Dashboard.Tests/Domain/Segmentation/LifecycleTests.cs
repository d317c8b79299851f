using Dashboard.Domain.Segmentation;

namespace Dashboard.Tests.Domain.Segmentation;

public class LifecycleTests
{
    [Theory]
    [InlineData(3, 0, 0, 0, 0, null, LifecycleStage.Aware)]
    [InlineData(3, 1, 0, 0, 0, null, LifecycleStage.Interested)]
    [InlineData(0, 0, 2, 0, 0, null, LifecycleStage.Interested)]
    [InlineData(0, 0, 0, 1, 0, null, LifecycleStage.Interested)]
    [InlineData(0, 0, 0, 0, 1, 10, LifecycleStage.FirstPurchase)]
    [InlineData(0, 0, 0, 0, 2, 10, LifecycleStage.Repeat)]
    [InlineData(0, 0, 0, 0, 3, 10, LifecycleStage.Repeat)]
    [InlineData(0, 0, 0, 0, 4, 10, LifecycleStage.Loyal)]
    [InlineData(0, 0, 0, 0, 9, 180, LifecycleStage.Loyal)]
    [InlineData(0, 0, 0, 0, 9, 181, LifecycleStage.Lapsed)]
    [InlineData(5, 5, 5, 5, 1, 365, LifecycleStage.Lapsed)]
    public void StageOf_Signals_DocumentedStage(int impressions, int clicks, int visits, int carts, int orders, int? days, LifecycleStage expected)
    {
        var signals = new LifecycleSignals("c", impressions, clicks, visits, carts, orders, days);

        var stage = Lifecycle.StageOf(signals);

        Assert.Equal(expected, stage);
    }

    [Fact]
    public void StageOf_NoSignal_OutsideTheFunnel()
    {
        var stage = Lifecycle.StageOf(new LifecycleSignals("c", 0, 0, 0, 0, 0, null));

        Assert.Null(stage);
    }

    [Fact]
    public void StageOf_CustomLoyalThreshold_ThreeOrdersLoyal()
    {
        var settings = new LifecycleSettings(LoyalMinOrders: 3);

        var stage = Lifecycle.StageOf(new LifecycleSignals("c", 0, 0, 0, 0, 3, 1), settings);

        Assert.Equal(LifecycleStage.Loyal, stage);
    }

    [Fact]
    public void StageOf_OrdersWithoutLastOrderAge_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Lifecycle.StageOf(new LifecycleSignals("odd", 0, 0, 0, 0, 1, null)));

        Assert.Contains("odd", ex.Message);
    }

    [Fact]
    public void Assign_MixedCustomers_LeavesOutThoseWithoutSignals()
    {
        LifecycleSignals[] customers =
        [
            new("a", 1, 0, 0, 0, 0, null),
            new("b", 0, 0, 0, 0, 0, null),
            new("c", 0, 0, 0, 0, 2, 3),
        ];

        var stages = Lifecycle.Assign(customers);

        Assert.Equal([new StageAssignment("a", LifecycleStage.Aware), new StageAssignment("c", LifecycleStage.Repeat)], stages);
    }
}
