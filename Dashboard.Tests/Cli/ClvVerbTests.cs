using System.Globalization;
using System.Text.Json;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Cli;

public class ClvVerbTests
{
    [Fact]
    public async Task Clv_CdnowSampleWithCalibrationEnd_ReproducesPublishedFitsAndReportsHoldout()
    {
        var result = await CliRunner.RunAsync(null, "clv", "--transactions", Cdnow.SamplePath, "--format", "cdnow",
            "--calibration-end", "1997-09-30", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(2357, root.GetProperty("customers").GetInt32());
        var bgnbd = root.GetProperty("bgnbd");
        AssertWithinOnePercent(0.243, bgnbd.GetProperty("r").GetDouble());
        AssertWithinOnePercent(4.414, bgnbd.GetProperty("alpha").GetDouble());
        AssertWithinOnePercent(0.793, bgnbd.GetProperty("a").GetDouble());
        AssertWithinOnePercent(2.426, bgnbd.GetProperty("b").GetDouble());
        AssertWithinOnePercent(-9582.4, bgnbd.GetProperty("logLikelihood").GetDouble());
        var gammaGamma = root.GetProperty("gammaGamma");
        AssertWithinOnePercent(6.25, gammaGamma.GetProperty("p").GetDouble());
        AssertWithinOnePercent(3.74, gammaGamma.GetProperty("q").GetDouble());
        AssertWithinOnePercent(15.44, gammaGamma.GetProperty("v").GetDouble());
        var holdout = root.GetProperty("holdout");
        Assert.Equal(1882, holdout.GetProperty("actual").GetDouble());
        Assert.InRange(holdout.GetProperty("predicted").GetDouble(), 1000, 3000);
        Assert.Equal(78, holdout.GetProperty("weekly").GetArrayLength());
        Assert.True(root.GetProperty("fitSeconds").GetDouble() > 0);
    }

    [Fact]
    public async Task Clv_PublishedSummaryFile_FitsWithoutHoldout()
    {
        var result = await CliRunner.RunAsync(null, "clv", "--summary", Cdnow.SummaryWithSpendPath, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(2357, json.RootElement.GetProperty("customers").GetInt32());
        AssertWithinOnePercent(0.243, json.RootElement.GetProperty("bgnbd").GetProperty("r").GetDouble());
        AssertWithinOnePercent(15.44, json.RootElement.GetProperty("gammaGamma").GetProperty("v").GetDouble());
        Assert.False(json.RootElement.TryGetProperty("holdout", out _));
    }

    [Fact]
    public async Task Clv_CustomersOut_WritesOneRowPerCustomer()
    {
        var output = Path.Combine(Path.GetTempPath(), $"clv-{Guid.NewGuid():N}.csv");
        try
        {
            var result = await CliRunner.RunAsync(null, "clv", "--transactions", Cdnow.SamplePath, "--format", "cdnow",
                "--calibration-end", "1997-09-30", "--customers-out", output, "--horizon", "52", "--horizon-months", "24",
                "--discount-rate", "0.12", "--margin", "30");

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("BG/NBD: r=", result.Output);
            var lines = await File.ReadAllLinesAsync(output);
            Assert.Equal("customer_id,frequency,recency,T,p_alive,expected_purchases,expected_avg_value,clv", lines[0]);
            Assert.Equal(2358, lines.Length);
            var first = lines[1].Split(',');
            Assert.Equal("0001", first[0]);
            Assert.Equal("2", first[1]);
            Assert.All(lines.Skip(1), line =>
            {
                var fields = line.Split(',');
                var pAlive = double.Parse(fields[4], CultureInfo.InvariantCulture);
                Assert.InRange(pAlive, 0, 1);
                Assert.True(double.Parse(fields[7], CultureInfo.InvariantCulture) >= 0);
            });
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Clv_CsvTransactions_AreSummarisedInDays()
    {
        var input = Path.Combine(Path.GetTempPath(), $"clv-{Guid.NewGuid():N}.csv");
        try
        {
            // The CDNOW sample rewritten as customer_id,date,amount.
            var lines = Cdnow.Sample.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.CustomerId},{p.Date:yyyy-MM-dd},{p.Amount}"));
            await File.WriteAllLinesAsync(input, lines.Prepend("customer_id,date,amount"));

            var result = await CliRunner.RunAsync(null, "clv", "--transactions", input, "--format", "csv", "--period", "days", "--json");

            Assert.Equal(0, result.ExitCode);
            using var json = JsonDocument.Parse(result.Output);
            Assert.Equal("days", json.RootElement.GetProperty("period").GetString());
            Assert.Equal(2357, json.RootElement.GetProperty("customers").GetInt32());
        }
        finally
        {
            File.Delete(input);
        }
    }

    [Theory]
    [InlineData("customer_id,date,amount\n1,2024-01-01,10\n2,2024-13-01,5\n", "line 3", "date '2024-13-01'")]
    [InlineData("customer_id,date,amount\n1,2024-01-01,ten\n", "line 2", "amount 'ten' is not a number")]
    [InlineData("customer_id,date,amount\n1,2024-01-01,-5\n", "line 2", "amount must be >= 0")]
    [InlineData("customer,date,amount\n1,2024-01-01,5\n", "line 1", "no 'customer_id' column")]
    [InlineData("customer_id,date,amount\n1,2024-01-01\n", "line 2", "expected 3 fields")]
    public async Task Clv_MalformedCsv_ExitsOneNamingLineAndProblem(string content, string line, string problem)
    {
        var input = Path.Combine(Path.GetTempPath(), $"clv-{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllTextAsync(input, content);

            var result = await CliRunner.RunAsync(null, "clv", "--transactions", input, "--format", "csv", "--json");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(line, result.Error);
            Assert.Contains(problem, result.Error);
        }
        finally
        {
            File.Delete(input);
        }
    }

    [Theory]
    [InlineData(" 00004 0001 19970101  2   29.33\n 00004 0001 1997011  2   29.33\n", "line 2", "not a date")]
    [InlineData(" 00004 0001 19970101  2   29.33\n 00004 0001 19970102  2\n", "line 2", "expected 5 columns")]
    [InlineData(" 00004 0001 19970101 2 29.33 7\n", "line 1", "found 6")]
    public async Task Clv_MalformedCdnow_ExitsOneNamingLineAndProblem(string content, string line, string problem)
    {
        var input = Path.Combine(Path.GetTempPath(), $"clv-{Guid.NewGuid():N}.txt");
        try
        {
            await File.WriteAllTextAsync(input, content);

            var result = await CliRunner.RunAsync(null, "clv", "--transactions", input, "--format", "cdnow");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(line, result.Error);
            Assert.Contains(problem, result.Error);
        }
        finally
        {
            File.Delete(input);
        }
    }

    [Theory]
    [InlineData("frequency,recency,T,monetary_value\n1,5,10,3\n0,2,10,0\n", "line 3", "recency must be 0 when frequency is 0")]
    [InlineData("frequency,recency,T,monetary_value\n1.5,5,10,3\n", "line 2", "whole number")]
    [InlineData("frequency,recency,T,monetary_value\n2,12,10,3\n", "line 2", "greater than T")]
    [InlineData("frequency,recency,T\n2,5,10\n", "line 1", "no 'monetary_value' column")]
    public async Task Clv_MalformedSummary_ExitsOneNamingLineAndProblem(string content, string line, string problem)
    {
        var input = Path.Combine(Path.GetTempPath(), $"clv-{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllTextAsync(input, content);

            var result = await CliRunner.RunAsync(null, "clv", "--summary", input);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(line, result.Error);
            Assert.Contains(problem, result.Error);
        }
        finally
        {
            File.Delete(input);
        }
    }

    [Fact]
    public async Task Clv_SummaryWithoutRepeatBuyers_ExitsOneWithModelMessage()
    {
        var input = Path.Combine(Path.GetTempPath(), $"clv-{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllTextAsync(input, "frequency,recency,T,monetary_value\n0,0,10,0\n0,0,12,0\n0,0,9,0\n");

            var result = await CliRunner.RunAsync(null, "clv", "--summary", input, "--json");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("None of the 3 customers made a repeat purchase", result.Error);
        }
        finally
        {
            File.Delete(input);
        }
    }

    [Theory]
    [InlineData("clv", "--json")]
    [InlineData("clv", "--transactions", "x.txt")]
    [InlineData("clv", "--transactions", "x.txt", "--format", "xml")]
    [InlineData("clv", "--summary", "x.csv", "--calibration-end", "1997-09-30")]
    [InlineData("clv", "--summary", "x.csv", "--period", "months")]
    [InlineData("clv", "--summary", "x.csv", "--calibration-end", "30/09/1997")]
    [InlineData("clv", "--summary", "x.csv", "--margin", "150")]
    public async Task Clv_BadArguments_ExitsTwoWithUsage(params string[] args)
    {
        var result = await CliRunner.RunAsync(null, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: clv", result.Error);
    }

    [Fact]
    public async Task Clv_MissingFile_ExitsOneNamingIt()
    {
        var result = await CliRunner.RunAsync(null, "clv", "--summary", "/nonexistent/summary.csv");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/nonexistent/summary.csv", result.Error);
    }

    [Fact]
    public async Task Clv_CalibrationEndAfterLastPurchase_ExitsOne()
    {
        var result = await CliRunner.RunAsync(null, "clv", "--transactions", Cdnow.SamplePath, "--format", "cdnow",
            "--calibration-end", "1998-06-30");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no holdout period", result.Error);
    }

    [Fact]
    public async Task BenchClv_SmallSizes_ReportsTimesAndRecoveredParameters()
    {
        var result = await CliRunner.RunAsync(null, "bench", "clv", "--sizes", "30000", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var run = Assert.Single(json.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal(30000, run.GetProperty("customers").GetInt32());
        Assert.True(run.GetProperty("fitSeconds").GetDouble() > 0);
        Assert.Equal(7, run.GetProperty("recovered").EnumerateObject().Count());
        // 30,000 customers: sampling error is a few percent at most.
        Assert.InRange(run.GetProperty("maxRelativeError").GetDouble(), 0, 0.1);
    }

    private static void AssertWithinOnePercent(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 0.01 * Math.Abs(expected), $"expected {expected} within 1%, got {actual}");
}
