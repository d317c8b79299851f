using Dashboard.Features.Campaigns;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Features.Campaigns;

public class FileAnalysisTests
{
    private const string Good = "arm,visit,spend,pre,region\nA,1,10,5,north\nA,0,0,3,south\nA,1,20,8,north\nB,0,0,4,south\nB,0,5,2,north\nB,1,0,6,south\n";

    [Fact]
    public void Open_Header_ListsColumns()
    {
        var file = FileAnalysis.Open("x.csv", Good);

        Assert.Equal(["arm", "visit", "spend", "pre", "region"], file.Columns);
        Assert.Equal(["A", "B"], FileAnalysis.ArmLabels(file, "arm"));
    }

    [Fact]
    public void Analyze_TwoArms_RatesAndMeansAgainstControl()
    {
        var file = FileAnalysis.Open("x.csv", Good);

        var view = FileAnalysis.Analyze(file, new FileAnalysisRequest("arm", "B", ["visit", "spend"], "pre"));

        var arm = Assert.Single(view.Result.Arms);
        Assert.Equal("A", arm.Arm);
        var visit = arm.Metrics.Single(m => m.Metric == "visit");
        Assert.Equal(Dashboard.Domain.Measurement.MetricKind.Binary, visit.Kind);
        Assert.Equal(2.0 / 3 - 1.0 / 3, visit.Estimate.Lift, 12);
        Assert.Equal(10.0 - 5.0 / 3, arm.Metrics.Single(m => m.Metric == "spend").Estimate.Lift, 12);
        Assert.NotNull(arm.Metrics[0].Cuped);
        Assert.Equal((10.0 - 5.0 / 3) * 3, arm.Economics.IncrementalRevenue!.Value, 12);
    }

    [Fact]
    public void Open_EmptyFile_NamesTheFile()
    {
        var ex = Assert.Throws<ExperimentFileException>(() => FileAnalysis.Open("empty.csv", ""));

        Assert.Equal("empty.csv: the file is empty (no header row)", ex.Message);
    }

    [Fact]
    public void Open_DuplicateColumn_NamesLineAndColumn()
    {
        var ex = Assert.Throws<ExperimentFileException>(() => FileAnalysis.Open("dup.csv", "arm,x,x\nA,1,2\n"));

        Assert.Contains("dup.csv line 1: column 'x'", ex.Message);
    }

    [Fact]
    public void Analyze_NonNumericCell_NamesFileLineAndColumn()
    {
        var file = FileAnalysis.Open("bad.csv", "arm,visit\nA,1\nB,yes\n");

        var ex = Assert.Throws<ExperimentFileException>(() => FileAnalysis.Analyze(file, new FileAnalysisRequest("arm", "B", ["visit"], null)));

        Assert.Equal("bad.csv line 3, column 'visit': 'yes' is not a number", ex.Message);
    }

    [Fact]
    public void Analyze_SingleArm_SaysSoWithTheFileName()
    {
        var file = FileAnalysis.Open("one.csv", "arm,visit\nA,1\nA,0\n");

        var ex = Assert.Throws<ExperimentFileException>(() => FileAnalysis.Analyze(file, new FileAnalysisRequest("arm", "A", ["visit"], null)));

        Assert.StartsWith("one.csv: the experiment has a single arm ('A')", ex.Message);
    }

    [Fact]
    public void Analyze_CovariateAlsoAMetric_Refused()
    {
        var file = FileAnalysis.Open("x.csv", Good);

        var ex = Assert.Throws<ExperimentFileException>(() => FileAnalysis.Analyze(file, new FileAnalysisRequest("arm", "B", ["visit", "pre"], "pre")));

        Assert.Contains("'pre' cannot be both a metric and the covariate", ex.Message);
    }

    [Fact]
    public void Uplift_Hillstrom_QiniAboveRandomOnHeldOutHalf()
    {
        var file = FileAnalysis.Open("hillstrom.csv", File.ReadAllText(SharedData.PathOf("hillstrom", "hillstrom.csv")));

        var result = FileAnalysis.Uplift(file, new FileUpliftRequest("segment", "Womens E-Mail", "No E-Mail", "visit",
            ["recency", "history", "mens", "womens", "zip_code", "newbie", "channel"]));

        Assert.True(result.TestCount > 15_000);
        Assert.True(result.HeldOutQini.Auuc > result.HeldOutQini.RandomAuuc, $"AUUC {result.HeldOutQini.Auuc} vs random {result.HeldOutQini.RandomAuuc}");
    }

    [Fact]
    public void Uplift_OutcomeAsFeature_Refused()
    {
        var file = FileAnalysis.Open("x.csv", Good);

        var ex = Assert.Throws<ExperimentFileException>(() => FileAnalysis.Uplift(file, new FileUpliftRequest("arm", "A", "B", "visit", ["visit", "region"])));

        Assert.Contains("cannot be features", ex.Message);
    }
}
