using Dashboard.Domain.Audiences;

namespace Dashboard.Tests.Domain.Audiences;

public class FeatureLayoutTests
{
    [Fact]
    public void Fill_ProspectWithUnknownDemographics_UsesNeverDaysAndUnknownColumns()
    {
        var layout = new FeatureLayout(["Skincare"], ["app"]);
        var prospect = new ProfileFeatures(1) { CategoryShares = [0.0], SourceTouchpoints = [3], Clicks = 2 };
        var vector = new float[layout.Count];

        layout.Fill(prospect, vector);

        float Value(string name) => vector[layout.Names.ToList().IndexOf(name)];
        Assert.Equal(0f, Value("HasOrdered"));
        Assert.Equal((float)FeatureLayout.NeverDays, Value("DaysSinceLastOrder"));
        Assert.Equal(2f, Value("Clicks"));
        Assert.Equal(3f, Value("Touchpoints:app"));
        Assert.Equal(1f, Value("Gender?"));
        Assert.Equal(1f, Value("Age?"));
        Assert.Equal(1f, Value("CityTier?"));
        Assert.Equal(0f, Value("CityTier=1"));
    }

    [Fact]
    public void Fill_Buyer_ComputesAverageOrderValueAndOneHots()
    {
        var layout = new FeatureLayout(["Skincare", "Makeup"], []);
        var buyer = new ProfileFeatures(2)
        {
            OrderCount = 4, TotalSpend = 600, DaysSinceLastOrder = 12, CategoryShares = [0.75, 0.25],
            Gender = ProfileGender.Female, Age = 30, CityTier = 2,
        };
        var vector = new float[layout.Count];

        layout.Fill(buyer, vector);

        float Value(string name) => vector[layout.Names.ToList().IndexOf(name)];
        Assert.Equal(150f, Value("AverageOrderValue"));
        Assert.Equal(12f, Value("DaysSinceLastOrder"));
        Assert.Equal(0.25f, Value("CategoryShare:Makeup"));
        Assert.Equal(1f, Value("Gender=F"));
        Assert.Equal(1f, Value("Age25-34"));
        Assert.Equal(1f, Value("CityTier=2"));
        Assert.Equal(0f, Value("CityTier?"));
    }

    [Fact]
    public void For_ShareOutsideZeroToOne_NamesProfileAndColumn()
    {
        var table = new ProfileFeatureTable(["Skincare"], [], [new ProfileFeatures(42) { CategoryShares = [1.5] }]);

        var ex = Assert.Throws<ArgumentException>(() => FeatureLayout.For(table));

        Assert.Contains("profile 42: CategoryShares", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_DuplicateProfile_Throws()
    {
        var table = new ProfileFeatureTable([], [], [new ProfileFeatures(7), new ProfileFeatures(7)]);

        var ex = Assert.Throws<ArgumentException>(() => FeatureLayout.For(table));

        Assert.Contains("profile 7 appears twice", ex.Message, StringComparison.Ordinal);
    }
}
