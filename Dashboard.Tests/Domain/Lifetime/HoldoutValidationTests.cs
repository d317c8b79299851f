using Dashboard.Domain.Lifetime;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Domain.Lifetime;

/// <summary>Holdout validation on CDNOW as in FHL 2005 section 5: 39 calibration weeks, 39 holdout weeks.</summary>
public class HoldoutValidationTests
{
    private static readonly Lazy<HoldoutComparison> Comparison = new(() =>
    {
        var rows = CustomerSummaryBuilder.BuildWithHoldout(Cdnow.Sample, Cdnow.CalibrationEnd, Cdnow.ObservationEnd, PeriodUnit.Weeks);
        var fit = BgNbdFitter.Fit(rows.Select(r => r.Calibration).ToList());
        return HoldoutValidation.Compare(rows, fit.Parameters, Cdnow.CalibrationEnd, Cdnow.ObservationEnd, PeriodUnit.Weeks);
    });

    [Fact]
    public void Compare_Cdnow_TotalsAreTheData()
    {
        var c = Comparison.Value;

        Assert.Equal(2357, c.Customers);
        Assert.Equal(39, c.HoldoutPeriods, 12);
        Assert.Equal(1882, c.Actual);
        Assert.Equal(2357, c.ByFrequency.Sum(b => b.Customers));
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7+"], c.ByFrequency.Select(b => b.Label));
    }

    [Fact]
    public void Compare_Cdnow_ModelBeatsNaiveBaseline()
    {
        var c = Comparison.Value;

        Assert.True(c.ModelMae < c.NaiveMae, $"model MAE {c.ModelMae}, naive MAE {c.NaiveMae}");
        Assert.True(c.ModelRmse < c.NaiveRmse);
        Assert.True(Math.Abs(c.Predicted - c.Actual) < Math.Abs(c.Naive - c.Actual));
        // The customers with no repeat purchase: the model expects some purchases, the naive baseline none.
        var zero = c.ByFrequency[0];
        Assert.Equal(0, zero.Naive);
        Assert.InRange(zero.Predicted, 0.15, 0.30);
    }

    [Fact]
    public void Compare_Cdnow_WeeklyCumulativeEndsAtAllRepeatPurchases()
    {
        var weekly = Comparison.Value.Weekly;

        Assert.Equal(78, weekly.Count);
        Assert.Equal(new DateOnly(1998, 6, 30), weekly[^1].End);
        Assert.Equal(2457 + 1882, weekly[^1].Actual);
        Assert.Equal(2457, weekly.Single(w => w.End == Cdnow.CalibrationEnd).Actual);
        Assert.All(weekly.Where(w => w.End <= Cdnow.CalibrationEnd), w => Assert.Null(w.Naive));
        Assert.All(weekly.Where(w => w.End > Cdnow.CalibrationEnd), w => Assert.NotNull(w.ModelConditional));
        Assert.True(weekly.Zip(weekly.Skip(1)).All(p => p.Second.Model >= p.First.Model && p.Second.Actual >= p.First.Actual));
        // FHL 2005 Figure 3: the BG/NBD tracks cumulative repeat purchases closely (here within 5% at week 78).
        Assert.InRange(weekly[^1].Model / weekly[^1].Actual, 0.95, 1.05);
    }
}
