using System.Diagnostics;
using System.Globalization;
using Dashboard.Domain.Lifetime;

namespace Dashboard.Cli;

/// <summary>
/// bench clv: fits BG/NBD + Gamma-Gamma on customer summaries simulated from known parameters and reports the fit
/// time and how well the parameters were recovered. Run it in Release.
/// </summary>
public sealed class BenchClvVerb : ICliVerb
{
    /// <summary>
    /// The generating parameters, in weeks: a brand of frequently bought consumables whose active customers buy about
    /// every three weeks (E[λ] = r/α = 1/3 a week), drop out after about seven repeat purchases on average
    /// (E[p] = a/(a+b) = 1/7), and spend about 45 an order (pγ/(q−1)); customers joined two to five years ago.
    /// This much history is what it takes for 100,000 customers to pin every parameter to about 2% (the sampling
    /// standard errors, reported with the run, are 0.7–1.9%); sparser buying would leave b and γ looser than that.
    /// </summary>
    public static readonly LifetimeTruth Truth = new(new BgNbdParameters(4.0, 12.0, 2.0, 12.0), new GammaGammaParameters(3.0, 5.0, 60.0));

    public const double MinAgeWeeks = 104;
    public const double MaxAgeWeeks = 260;

    public string Name => "bench clv";

    public string Usage => "bench clv [--sizes 100000,1000000] [--seed 7] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var sizesText = context.Args.Optional("sizes") ?? "100000,1000000";
        var seed = context.Args.Int("seed", 7);
        var json = context.Json;
        var sizes = sizesText.Split(',').Select(s =>
            int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 2
                ? n
                : throw new CliUsageException($"--sizes must be whole numbers >= 2 separated by commas (got '{sizesText}')")).ToList();

        // Warm up the JIT and the thread pool so that the first timed fit is not charged for them.
        Fit(Simulate(20_000, seed + 1));

        var runs = new List<BenchRun>();
        foreach (var size in sizes)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var simulateWatch = Stopwatch.StartNew();
            var data = Simulate(size, seed);
            var simulateSeconds = simulateWatch.Elapsed.TotalSeconds;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var (bgNbd, gammaGamma, bgNbdSeconds, gammaGammaSeconds) = Fit(data);
            var fitCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var standardErrors = BgNbdFitter.RelativeStandardErrors(bgNbd.Parameters, data.Frequency, data.Recency, data.Age)
                .Concat(GammaGammaFitter.RelativeStandardErrors(gammaGamma.Parameters, data.Frequency, data.MonetaryValue))
                .ToArray();
            var recovered = new Dictionary<string, double>
            {
                ["r"] = bgNbd.Parameters.R,
                ["alpha"] = bgNbd.Parameters.Alpha,
                ["a"] = bgNbd.Parameters.A,
                ["b"] = bgNbd.Parameters.B,
                ["p"] = gammaGamma.Parameters.P,
                ["q"] = gammaGamma.Parameters.Q,
                ["v"] = gammaGamma.Parameters.V,
            };
            var truth = TruthByName();
            var errors = recovered.ToDictionary(kv => kv.Key, kv => (kv.Value - truth[kv.Key]) / truth[kv.Key]);
            var names = recovered.Keys.ToArray();
            var relativeStandardErrors = names.Select((name, i) => (name, i)).ToDictionary(t => t.name, t => standardErrors[t.i]);
            runs.Add(new BenchRun(size, bgNbd.DistinctHistories, gammaGamma.Customers, simulateSeconds,
                bgNbdSeconds, gammaGammaSeconds, bgNbdSeconds + gammaGammaSeconds, fitCpuSeconds, bgNbd.Evaluations, gammaGamma.Evaluations,
                recovered, errors, relativeStandardErrors, errors.Values.Max(Math.Abs)));
        }

        var report = new BenchReport(Environment.ProcessorCount, "weeks (times on a whole-day grid)", MinAgeWeeks, MaxAgeWeeks, seed,
            TruthByName(), runs);
        if (json)
        {
            await context.WriteJsonAsync(report);
        }
        else
        {
            foreach (var run in runs)
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{run.Customers,9:N0} customers ({run.DistinctHistories:N0} distinct histories): fit {run.FitSeconds:F3} s " +
                    $"(BG/NBD {run.BgNbdSeconds:F3} s, Gamma-Gamma {run.GammaGammaSeconds:F3} s; {run.FitCpuSeconds:F3} s of processor time), " +
                    $"max parameter error {run.MaxRelativeError:P2}"));
            }
        }
        return 0;
    }

    private static Dictionary<string, double> TruthByName() => new()
    {
        ["r"] = Truth.Purchases.R,
        ["alpha"] = Truth.Purchases.Alpha,
        ["a"] = Truth.Purchases.A,
        ["b"] = Truth.Purchases.B,
        ["p"] = Truth.Spend.P,
        ["q"] = Truth.Spend.Q,
        ["v"] = Truth.Spend.V,
    };

    private static SummaryColumns Simulate(int size, int seed) =>
        LifetimeSimulator.SimulateSummaries(Truth, size, MinAgeWeeks, MaxAgeWeeks, seed, timeResolution: 1.0 / 7);

    private static (BgNbdFit BgNbd, GammaGammaFit GammaGamma, double BgNbdSeconds, double GammaGammaSeconds) Fit(SummaryColumns data)
    {
        var watch = Stopwatch.StartNew();
        var bgNbd = BgNbdFitter.Fit(data.Frequency, data.Recency, data.Age, default);
        var bgNbdSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var gammaGamma = GammaGammaFitter.Fit(data.Frequency, data.MonetaryValue);
        return (bgNbd, gammaGamma, bgNbdSeconds, watch.Elapsed.TotalSeconds);
    }

    // FitSeconds: wall-clock seconds of both fits, from summaries to parameters. FitCpuSeconds: processor seconds the
    // process used meanwhile, over all cores (a check when the machine is busy). RelativeStandardErrors: sampling
    // standard errors from the observed information, relative to the estimate.
    private sealed record BenchRun(
        int Customers, int DistinctHistories, int GammaGammaCustomers, double SimulateSeconds,
        double BgNbdSeconds, double GammaGammaSeconds, double FitSeconds, double FitCpuSeconds, int BgNbdEvaluations, int GammaGammaEvaluations,
        IReadOnlyDictionary<string, double> Recovered, IReadOnlyDictionary<string, double> RelativeErrors,
        IReadOnlyDictionary<string, double> RelativeStandardErrors, double MaxRelativeError);

    private sealed record BenchReport(
        int Cores, string TimeUnit, double MinAgeWeeks, double MaxAgeWeeks, int Seed,
        IReadOnlyDictionary<string, double> Truth, IReadOnlyList<BenchRun> Runs);
}
