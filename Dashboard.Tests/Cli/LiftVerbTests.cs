using System.Text.Json;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Cli;

public sealed class LiftVerbTests : IDisposable
{
    private static readonly string Hillstrom = SharedData.PathOf("hillstrom", "hillstrom.csv");
    private readonly string _dir = Directory.CreateTempSubdirectory("lift-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Lift_Hillstrom_MensEmailLiftsMatchPublishedFigures()
    {
        // Hillstrom (2008): the men's e-mail lifts visits by about 7.7 points, conversion by about 0.68 points and
        // spend by about $0.77 per customer over the no-e-mail control (checked against the raw file: 18.28% vs
        // 10.62% visits, 1.25% vs 0.57% conversion, $1.42 vs $0.65 spend).

        var result = await CliRunner.RunAsync(null, "lift", "--file", Hillstrom, "--arm-column", "segment", "--control", "No E-Mail",
            "--metrics", "visit,conversion,spend", "--covariate", "history", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("No E-Mail", root.GetProperty("control").GetProperty("arm").GetString());
        Assert.Equal(21_306, root.GetProperty("control").GetProperty("n").GetInt32());
        Assert.True(root.GetProperty("srm").GetProperty("pValue").GetDouble() > 0.001);
        var mens = root.GetProperty("arms").EnumerateArray().Single(a => a.GetProperty("arm").GetString() == "Mens E-Mail");
        Assert.Equal(21_307, mens.GetProperty("n").GetInt32());
        var metrics = mens.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("metric").GetString()!);
        Assert.Equal(0.0766, metrics["visit"].GetProperty("lift").GetDouble(), 0.0005);
        Assert.Equal(0.0068, metrics["conversion"].GetProperty("lift").GetDouble(), 0.0002);
        Assert.Equal(0.77, metrics["spend"].GetProperty("lift").GetDouble(), 0.005);
        Assert.Equal(0.1062, metrics["visit"].GetProperty("controlMean").GetDouble(), 0.0001);
        foreach (var m in metrics.Values)
        {
            Assert.True(m.GetProperty("pValue").GetDouble() < 0.001);
            Assert.True(m.GetProperty("liftLow").GetDouble() > 0);
            Assert.True(m.GetProperty("liftHigh").GetDouble() > m.GetProperty("lift").GetDouble());
            Assert.True(m.GetProperty("relativeLift").GetDouble() > 0.7);
            Assert.True(m.GetProperty("mean").GetDouble() > 0);
            Assert.True(m.GetProperty("cuped").GetProperty("varianceReduction").GetDouble() >= 0);
        }
        Assert.Equal("welch t", metrics["spend"].GetProperty("test").GetString());
        Assert.Equal("two-proportion z", metrics["visit"].GetProperty("test").GetString());
    }

    [Fact]
    public async Task Lift_MissingColumn_ExitsOneNamingColumn()
    {
        var file = Write("arm,visit\nA,1\nB,0\n");

        var result = await CliRunner.RunAsync(null, "lift", "--file", file, "--arm-column", "arm", "--control", "A", "--metrics", "visit,spend");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("column 'spend' not found", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Lift_NonNumericMetric_ExitsOneWithLineNumber()
    {
        var file = Write("arm,spend\nA,1.5\nB,0\nA,abc\nB,2\n");

        var result = await CliRunner.RunAsync(null, "lift", "--file", file, "--arm-column", "arm", "--control", "A", "--metrics", "spend");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 4, column 'spend': 'abc' is not a number", result.Error);
    }

    [Fact]
    public async Task Lift_SingleArm_ExitsOneExplaining()
    {
        var file = Write("arm,visit\nA,1\nA,0\nA,1\n");

        var result = await CliRunner.RunAsync(null, "lift", "--file", file, "--arm-column", "arm", "--control", "A", "--metrics", "visit");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("single arm ('A')", result.Error);
    }

    [Fact]
    public async Task Lift_UnknownControl_ExitsOneListingArms()
    {
        var file = Write("arm,visit\nA,1\nB,0\nA,1\nB,1\n");

        var result = await CliRunner.RunAsync(null, "lift", "--file", file, "--arm-column", "arm", "--control", "Holdout", "--metrics", "visit");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("control arm 'Holdout' not found; the arms are: 'A', 'B'", result.Error);
    }

    [Fact]
    public async Task Lift_MissingMetricsOption_ExitsTwoWithUsage()
    {
        var result = await CliRunner.RunAsync(null, "lift", "--file", "x.csv", "--arm-column", "arm", "--control", "A");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--metrics is required", result.Error);
        Assert.Contains("usage: lift", result.Error);
    }

    [Fact]
    public async Task Lift_PlannedSplitAndCost_SrmAgainstPlanAndRoi()
    {
        // 4 holdout vs 8 treated on a planned 1:2 split: no mismatch. Treated spend lift 10 − 0 = 10 per customer,
        // × 8 = 80 incremental; cost 8 × 2 = 16 → ROI (80 − 16)/16 = 4.
        var rows = string.Concat(Enumerable.Range(0, 4).Select(_ => "H,0\n")) + string.Concat(Enumerable.Range(0, 8).Select(i => $"T,{(i % 2 == 0 ? 5 : 15)}\n"));
        var file = Write("arm,spend\n" + rows);

        var result = await CliRunner.RunAsync(null, "lift", "--file", file, "--arm-column", "arm", "--control", "H", "--metrics", "spend",
            "--planned-split", "H=1,T=2", "--cost-per-customer", "2", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(1, json.RootElement.GetProperty("srm").GetProperty("pValue").GetDouble(), 1e-9);
        var economics = json.RootElement.GetProperty("arms")[0].GetProperty("economics");
        Assert.Equal(80, economics.GetProperty("incrementalRevenue").GetProperty("value").GetDouble(), 1e-9);
        Assert.Equal(4, economics.GetProperty("incrementalRoi").GetProperty("value").GetDouble(), 1e-9);
    }

    private string Write(string content)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        return path;
    }
}
