using Dashboard.Domain.Segmentation;

namespace Dashboard.Tests.Domain.Segmentation;

public class ParetoTests
{
    [Fact]
    public void Curve_FiveCustomers_TopFifthIsTheTopCustomer()
    {
        double[] values = [5, 30, 50, 5, 10];

        var curve = Pareto.Curve(values, points: 5);

        Assert.Equal(0.5, curve.Top20Share, 12);
        Assert.Equal(100, curve.Total);
        Assert.Equal([0, 0.5, 0.8, 0.9, 0.95, 1.0], curve.Points.Select(p => Math.Round(p.ValueShare, 12)));
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], curve.Points.Select(p => Math.Round(p.CustomerShare, 12)));
    }

    [Fact]
    public void Curve_FiveCustomers_HandComputedGini()
    {
        double[] values = [5, 30, 50, 5, 10];

        var curve = Pareto.Curve(values);

        // ascending 5,5,10,30,50: Σ(2i − 6)x = −20 − 10 + 0 + 60 + 200 = 230; 230 / (5 × 100) = 0.46
        Assert.Equal(0.46, curve.Gini, 12);
    }

    [Fact]
    public void TopShare_SevenCustomers_InterpolatesWithinTheSecondCustomer()
    {
        double[] values = [5, 10, 40, 10, 20, 5, 10];

        var share = Pareto.TopShare(values, 0.2);

        // 0.2 × 7 = 1.4 customers: 40 + 0.4 × 20 = 48 of 100
        Assert.Equal(0.48, share, 12);
    }

    [Fact]
    public void Curve_EqualValues_DiagonalAndZeroGini()
    {
        double[] values = [7, 7, 7, 7, 7];

        var curve = Pareto.Curve(values, points: 10);

        Assert.Equal(0.2, curve.Top20Share, 12);
        Assert.Equal(0, curve.Gini, 12);
        Assert.All(curve.Points, p => Assert.Equal(p.CustomerShare, p.ValueShare, 12));
    }

    [Fact]
    public void Gini_OneCustomerHoldsAll_IsOneMinusOneOverN()
    {
        double[] values = [0, 0, 0, 100];

        var gini = Pareto.Gini(values);

        Assert.Equal(0.75, gini, 12);
    }

    [Fact]
    public void Curve_ZeroTotal_SharesAreZeroNotNaN()
    {
        double[] values = [0, 0];

        var curve = Pareto.Curve(values);

        Assert.Equal(0, curve.Top20Share);
        Assert.Equal(0, curve.Gini);
        Assert.All(curve.Points, p => Assert.Equal(0, p.ValueShare));
    }

    [Fact]
    public void Curve_NegativeValue_Throws()
    {
        double[] values = [10, -1];

        var ex = Assert.Throws<ArgumentException>(() => Pareto.Curve(values));

        Assert.Contains("value #1 is -1", ex.Message);
    }
}
