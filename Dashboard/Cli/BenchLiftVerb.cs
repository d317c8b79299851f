using System.Diagnostics;
using System.Globalization;
using Dashboard.Domain.Measurement;

namespace Dashboard.Cli;

/// <summary>
/// `bench lift`: times <see cref="ExperimentAnalyzer.Analyze"/> (three metrics, SRM, MDE, CUPED) on simulated
/// customers. The simulation is seeded and not timed; the first run warms the JIT and is reported separately.
/// </summary>
public sealed class BenchLiftVerb : ICliVerb
{
    public string Name => "bench lift";

    public string Usage => "bench lift [--customers 1000000] [--runs 5] [--seed 7] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var customers = context.Args.Int("customers", 1_000_000, 100, 50_000_000);
        var runs = context.Args.Int("runs", 5, 1, 100);
        var seed = context.Args.Int("seed", 7);
        var json = context.Json;

        var generate = Stopwatch.StartNew();
        var data = Simulate(customers, seed);
        generate.Stop();
        var settings = new AnalysisSettings { ConversionMetric = "conversion", RevenueMetric = "spend" };

        var timings = new List<double>();
        ExperimentResult? result = null;
        for (var r = 0; r <= runs; r++)
        {
            var watch = Stopwatch.StartNew();
            result = ExperimentAnalyzer.Analyze(data, settings);
            watch.Stop();
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }
        var measured = timings.Skip(1).Order().ToList();
        var report = new
        {
            customers,
            arms = data.Arms.Count,
            metrics = data.Metrics.Count,
            covariate = data.Covariate?.Name,
            generateMs = generate.Elapsed.TotalMilliseconds,
            firstRunMs = timings[0],
            medianMs = measured[measured.Count / 2],
            minMs = measured[0],
            maxMs = measured[^1],
            runs,
            srmPValue = result!.Srm.PValue,
            spendLift = result.Arms[0].Metrics[2].Estimate.Lift,
            spendCupedVarianceReduction = result.Arms[0].Metrics[2].Cuped!.VarianceReduction,
        };
        if (json)
        {
            await context.WriteJsonAsync(report);
        }
        else
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"lift analysis of {customers:N0} customers ({report.arms} arms, {report.metrics} metrics, CUPED on {report.covariate}): median {report.medianMs:0.0} ms, min {report.minMs:0.0} ms, max {report.maxMs:0.0} ms over {runs} runs (first run {report.firstRunMs:0.0} ms; simulation {report.generateMs:0} ms)"));
        }
        return 0;
    }

    /// <summary>
    /// Three equal arms; pre-period spend X ~ lognormal; visit, conversion and spend rise with X and with treatment
    /// (+2 and +1 points, +0.5 in currency), so CUPED has something to remove.
    /// </summary>
    internal static ExperimentData Simulate(int customers, int seed)
    {
        var random = new Random(seed);
        var arm = new int[customers];
        var visit = new double[customers];
        var conversion = new double[customers];
        var spend = new double[customers];
        var pre = new double[customers];
        for (var i = 0; i < customers; i++)
        {
            var k = random.Next(3);
            arm[i] = k;
            var x = Math.Exp(3 + 0.8 * Gaussian(random));
            pre[i] = x;
            var propensity = Math.Min(0.9, 0.1 + x / 400 + (k == 0 ? 0 : k == 1 ? 0.02 : 0.01));
            visit[i] = random.NextDouble() < propensity ? 1 : 0;
            conversion[i] = visit[i] == 1 && random.NextDouble() < 0.1 + (k == 0 ? 0 : 0.05) ? 1 : 0;
            spend[i] = conversion[i] * (0.5 * x + 20 * Math.Exp(0.5 * Gaussian(random))) + (k == 0 ? 0 : 0.5 * random.NextDouble());
        }
        return new ExperimentData(["control", "treatment A", "treatment B"], "control", arm,
            [new MetricColumn("visit", MetricKind.Binary, visit), new MetricColumn("conversion", MetricKind.Binary, conversion), new MetricColumn("spend", MetricKind.Continuous, spend)],
            new CovariateColumn("pre_spend", pre));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
