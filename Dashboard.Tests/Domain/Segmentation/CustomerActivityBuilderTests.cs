using Dashboard.Domain.Segmentation;

namespace Dashboard.Tests.Domain.Segmentation;

public class CustomerActivityBuilderTests
{
    private static readonly DateOnly Day1 = new(2024, 1, 1);

    [Fact]
    public void Build_LinesOutOfOrder_DistinctDaysTotalRevenueAndOrders()
    {
        var builder = new CustomerActivityBuilder();
        builder.Add("c1", Day1.AddDays(2), 20, "inv2");
        builder.Add("c1", Day1, 10, "inv1");
        builder.Add("c1", Day1, 5, "inv1");
        builder.Add("c2", Day1.AddDays(1), 7, "inv3");
        builder.Add("c1", Day1, 1, "inv4");

        var purchases = builder.Build();

        Assert.Equal(
            [
                new CustomerPurchases(new CustomerActivity("c1", Day1.AddDays(2), 2, 36), 3),
                new CustomerPurchases(new CustomerActivity("c2", Day1.AddDays(1), 1, 7), 1),
            ],
            purchases);
        Assert.Equal(Day1.AddDays(2), builder.LastDay);
        Assert.Equal(5, builder.Lines);
    }

    [Fact]
    public void Build_NoOrderKeys_EachLineIsAnOrder()
    {
        var builder = new CustomerActivityBuilder();
        builder.Add("c", Day1, 1);
        builder.Add("c", Day1, 2);

        var purchases = builder.Build();

        Assert.Equal(2, purchases[0].Orders);
        Assert.Equal(1, purchases[0].Activity.Frequency);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(double.NaN)]
    public void Add_NonPositiveAmount_Throws(double amount)
    {
        var builder = new CustomerActivityBuilder();

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Add("c", Day1, amount));
    }
}
