using System.Diagnostics;
using System.Globalization;
using Dashboard.Domain.Segmentation;

namespace Dashboard.Cli;

/// <summary>
/// bench segment: times RFM scores and names, the value pyramid and the Pareto curve on simulated customers
/// (default 1,000,000). Run it with -c Release. Simulation: recency uniform 0..729 days, frequency 1 + geometric
/// (mean 3), monetary = frequency × log-normal order value (median 50) — skewed like real purchase data, with ties.
/// </summary>
public sealed class BenchSegmentVerb : ICliVerb
{
    public string Name => "bench segment";

    public string Usage => "bench segment [--customers N (1000000)] [--seed S (42)] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var n = context.Args.Int("customers", 1_000_000, min: 1, max: 50_000_000);
        var seed = context.Args.Int("seed", 42);
        var json = context.Json;
        var asOf = new DateOnly(2025, 12, 31);

        Run(Simulate(10_000, seed), asOf); // warm-up: JIT and tiered compilation outside the timing
        var customers = Simulate(n, seed);
        var timing = Run(customers, asOf);
        var report = new BenchSegmentReport(n, timing.Rfm, timing.Pyramid, timing.Pareto, timing.Total, timing.Total < 5.0, timing.Top20Share,
            Environment.ProcessorCount,
#if DEBUG
            "Debug"
#else
            "Release"
#endif
            );
        if (json)
        {
            await context.WriteJsonAsync(report);
        }
        else
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{n:N0} customers ({report.Configuration}): RFM {timing.Rfm:F3} s, pyramid {timing.Pyramid:F3} s, Pareto {timing.Pareto:F3} s, total {timing.Total:F3} s"));
        }
        return 0;
    }

    internal static (double Rfm, double Pyramid, double Pareto, double Total, double Top20Share) Run(CustomerPurchases[] customers, DateOnly asOf)
    {
        var total = Stopwatch.StartNew();
        var activities = new CustomerActivity[customers.Length];
        var values = new CustomerValue[customers.Length];
        var monetary = new double[customers.Length];
        for (var i = 0; i < customers.Length; i++)
        {
            var a = customers[i].Activity;
            activities[i] = a;
            values[i] = new CustomerValue(a.CustomerId, a.Monetary, a.Monetary, customers[i].Orders);
            monetary[i] = a.Monetary;
        }
        var step = Stopwatch.StartNew();
        RfmSegmentation.Assign(activities, asOf);
        var rfm = step.Elapsed.TotalSeconds;
        step.Restart();
        ValuePyramid.Build(values);
        var pyramid = step.Elapsed.TotalSeconds;
        step.Restart();
        var curve = Pareto.Curve(monetary);
        var pareto = step.Elapsed.TotalSeconds;
        return (rfm, pyramid, pareto, total.Elapsed.TotalSeconds, curve.Top20Share);
    }

    internal static CustomerPurchases[] Simulate(int n, int seed)
    {
        var random = new Random(seed);
        var asOf = new DateOnly(2025, 12, 31);
        var customers = new CustomerPurchases[n];
        for (var i = 0; i < n; i++)
        {
            var frequency = 1;
            while (random.NextDouble() < 2.0 / 3 && frequency < 200)
            {
                frequency++;
            }
            var u1 = 1 - random.NextDouble();
            var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * random.NextDouble());
            var monetary = Math.Round(frequency * 50 * Math.Exp(0.8 * normal), 2);
            var last = asOf.AddDays(-random.Next(730));
            customers[i] = new CustomerPurchases(
                new CustomerActivity("C" + i.ToString("D8", CultureInfo.InvariantCulture), last, frequency, monetary), frequency);
        }
        return customers;
    }
}

/// <summary>Seconds per step; Total includes building the inputs from the aggregated purchases.</summary>
public sealed record BenchSegmentReport(
    int Customers, double RfmSeconds, double PyramidSeconds, double ParetoSeconds, double TotalSeconds, bool Under5Seconds,
    double Top20Share, int ProcessorCount, string Configuration);
