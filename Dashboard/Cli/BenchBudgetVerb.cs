using System.Diagnostics;
using System.Globalization;
using Dashboard.Domain.Allocation;

namespace Dashboard.Cli;

/// <summary>
/// `bench budget`: times the optimizer on random 20-channel problems (half concave, half S-shaped) and the slider path
/// (evaluating a split). Run it in Release.
/// </summary>
public sealed class BenchBudgetVerb : ICliVerb
{
    public string Name => "bench budget";

    public string Usage => "bench budget [--runs N] [--problems N] [--channels N] [--seed N] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var runs = context.Args.Int("runs", 200, min: 1, max: 100_000);
        var problemCount = context.Args.Int("problems", 20, min: 1, max: 10_000);
        var channelCount = context.Args.Int("channels", 20, min: 2, max: 1000);
        var seed = context.Args.Int("seed", 42);
        var random = new Random(seed);
        var problems = Enumerable.Range(0, problemCount).Select(_ => RandomProblem(random, channelCount)).ToList();

        // Warm up the JIT before timing.
        foreach (var (channels, total) in problems)
        {
            BudgetOptimizer.Optimize(channels, total);
        }
        var times = new List<double>(runs);
        var nodes = new List<int>(runs);
        var certified = 0;
        for (var run = 0; run < runs; run++)
        {
            var (channels, total) = problems[run % problems.Count];
            var watch = Stopwatch.StartNew();
            var plan = BudgetOptimizer.Optimize(channels, total);
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
            nodes.Add(plan.Nodes);
            certified += plan.Certified ? 1 : 0;
        }
        var sliderMicroseconds = TimeSlider(problems[0].Channels);
        times.Sort();
        nodes.Sort();
        var result = new BenchBudgetResult(channelCount, problemCount, runs, Percentile(times, 0.5), Percentile(times, 0.9), times[^1],
            nodes[nodes.Count / 2], nodes[^1], certified, sliderMicroseconds,
#if DEBUG
            "Debug");
#else
            "Release");
#endif
        if (context.Json)
        {
            await context.WriteJsonAsync(result);
        }
        else
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"budget optimize, {channelCount} channels ({problemCount} random problems, {runs} runs, {result.Configuration}): median {result.MedianMilliseconds:F3} ms, p90 {result.P90Milliseconds:F3} ms, max {result.MaxMilliseconds:F3} ms; nodes median {result.MedianNodes}, max {result.MaxNodes}; certified {certified}/{runs}; slider evaluation {sliderMicroseconds:F2} µs"));
        }
        return 0;
    }

    /// <summary>Half concave (h in [0.5, 1]) and half S-shaped (h in [1.5, 4]) curves; a total that forces real choices.</summary>
    private static (IReadOnlyList<BudgetChannel> Channels, double Total) RandomProblem(Random random, int count)
    {
        var channels = Enumerable.Range(0, count).Select(i => new BudgetChannel(
            $"channel{i:00}",
            new ResponseCurve(200 + random.NextDouble() * 1800, 50 + random.NextDouble() * 450,
                i % 2 == 0 ? 0.5 + random.NextDouble() * 0.5 : 1.5 + random.NextDouble() * 2.5),
            random.NextDouble() * 20, 300 + random.NextDouble() * 700)).ToList();
        var total = channels.Sum(c => c.Lower) + 150.0 * count * (0.5 + random.NextDouble());
        return (channels, total);
    }

    /// <summary>Mean microseconds to evaluate one split of the given channels (what a slider move costs).</summary>
    private static double TimeSlider(IReadOnlyList<BudgetChannel> channels)
    {
        var spends = channels.Select(c => 0.5 * (c.Lower + c.Upper)).ToArray();
        const int Repeats = 20_000;
        var sink = 0.0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Repeats; i++)
        {
            spends[i % spends.Length] += 1e-3;
            sink += BudgetEvaluator.Evaluate(channels, spends).TotalResponse;
        }
        watch.Stop();
        GC.KeepAlive(sink);
        return watch.Elapsed.TotalMicroseconds / Repeats;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private sealed record BenchBudgetResult(int Channels, int Problems, int Runs, double MedianMilliseconds, double P90Milliseconds,
        double MaxMilliseconds, int MedianNodes, int MaxNodes, int Certified, double SliderMicroseconds, string Configuration);
}
