using Dashboard.Domain.Lifetime;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Domain.Lifetime;

public class CustomerSummaryBuilderTests
{
    private static readonly DateOnly CalibrationEnd = new(2024, 3, 31);

    [Fact]
    public void Build_SameDayPurchases_CountAsOneWithSummedAmount()
    {
        Purchase[] purchases =
        [
            new("a", new(2024, 1, 1), 10),
            new("a", new(2024, 1, 15), 20),
            new("a", new(2024, 1, 15), 5),
            new("a", new(2024, 1, 29), 30),
        ];

        var summary = Assert.Single(CustomerSummaryBuilder.Build(purchases, CalibrationEnd, PeriodUnit.Weeks));

        Assert.Equal(2, summary.Frequency);
        Assert.Equal(4, summary.Recency, 12);
        Assert.Equal((CalibrationEnd.DayNumber - new DateOnly(2024, 1, 1).DayNumber) / 7.0, summary.Age, 12);
        Assert.Equal((25 + 30) / 2.0, summary.MonetaryValue, 12);
    }

    [Fact]
    public void Build_OnlyFirstPurchase_HasZeroFrequencyRecencyAndValue()
    {
        Purchase[] purchases = [new("b", new(2024, 2, 1), 99), new("b", new(2024, 2, 1), 1)];

        var summary = Assert.Single(CustomerSummaryBuilder.Build(purchases, CalibrationEnd, PeriodUnit.Days));

        Assert.Equal(0, summary.Frequency);
        Assert.Equal(0, summary.Recency);
        Assert.Equal(CalibrationEnd.DayNumber - new DateOnly(2024, 2, 1).DayNumber, summary.Age);
        Assert.Equal(0, summary.MonetaryValue);
    }

    [Fact]
    public void Build_PurchasesAfterCalibrationEnd_AreLeftOutAndLateCustomersExcluded()
    {
        Purchase[] purchases =
        [
            new("c", new(2024, 3, 1), 10),
            new("c", new(2024, 3, 31), 12),
            new("c", new(2024, 4, 1), 50),
            new("late", new(2024, 4, 2), 10),
        ];

        var summaries = CustomerSummaryBuilder.Build(purchases, CalibrationEnd, PeriodUnit.Days);

        var summary = Assert.Single(summaries);
        Assert.Equal("c", summary.CustomerId);
        Assert.Equal(1, summary.Frequency);
        Assert.Equal(30, summary.Recency);
        Assert.Equal(12, summary.MonetaryValue);
    }

    [Fact]
    public void BuildWithHoldout_CountsHoldoutPurchaseDays()
    {
        Purchase[] purchases =
        [
            new("d", new(2024, 3, 1), 10),
            new("d", new(2024, 4, 5), 10),
            new("d", new(2024, 4, 5), 10),
            new("d", new(2024, 5, 1), 10),
            new("d", new(2024, 7, 1), 10),
        ];

        var row = Assert.Single(CustomerSummaryBuilder.BuildWithHoldout(purchases, CalibrationEnd, new(2024, 6, 30), PeriodUnit.Weeks));

        Assert.Equal(0, row.Calibration.Frequency);
        Assert.Equal(2, row.HoldoutFrequency);
        Assert.Equal(91 / 7.0, row.HoldoutLength, 12);
        Assert.Equal([new(2024, 4, 5), new(2024, 5, 1)], row.RepeatPurchaseDays);
    }

    [Fact]
    public void FromAggregates_SameHistory_EqualsBuildFromPurchases()
    {
        Purchase[] purchases =
        [
            new("a", new(2024, 1, 1), 10),
            new("a", new(2024, 1, 15), 20),
            new("a", new(2024, 1, 15), 5),
            new("a", new(2024, 1, 29), 30),
        ];
        var expected = Assert.Single(CustomerSummaryBuilder.Build(purchases, CalibrationEnd, PeriodUnit.Weeks));

        var actual = CustomerSummaryBuilder.FromAggregates("a", new(2024, 1, 1), new(2024, 1, 29), 3, 65, 10, CalibrationEnd, PeriodUnit.Weeks);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void FromAggregates_MorePurchaseDaysThanDays_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            CustomerSummaryBuilder.FromAggregates("a", new(2024, 1, 1), new(2024, 1, 2), 3, 65, 10, CalibrationEnd, PeriodUnit.Days));
    }

    [Fact]
    public void Build_CdnowSample_ReproducesPublishedSummary()
    {
        var published = Cdnow.Published.ToDictionary(c => int.Parse(c.CustomerId, System.Globalization.CultureInfo.InvariantCulture));

        var computed = Cdnow.FromTransactions();

        Assert.Equal(2357, computed.Count);
        foreach (var c in computed)
        {
            var p = published[int.Parse(c.CustomerId, System.Globalization.CultureInfo.InvariantCulture)];
            Assert.Equal(p.Frequency, c.Frequency);
            // The published file rounds to 2 decimals (README: within 0.0043 weeks and 0.005 dollars, half-cent ties included).
            Assert.Equal(p.Recency, c.Recency, 0.0050);
            Assert.Equal(p.Age, c.Age, 0.0050);
            Assert.Equal(p.MonetaryValue, c.MonetaryValue, 0.0051);
        }
        Assert.Equal(946, computed.Count(c => c.Frequency > 0));
        Assert.Equal(2457, computed.Sum(c => c.Frequency));
    }

    [Fact]
    public void BuildWithHoldout_CdnowSample_HasPublishedHoldoutTotal()
    {
        var rows = CustomerSummaryBuilder.BuildWithHoldout(Cdnow.Sample, Cdnow.CalibrationEnd, Cdnow.ObservationEnd, PeriodUnit.Weeks);

        Assert.Equal(1882, rows.Sum(r => r.HoldoutFrequency));
        Assert.All(rows, r => Assert.Equal(39, r.HoldoutLength, 12));
    }
}
