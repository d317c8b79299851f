using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dashboard.Tests.Load;

/// <summary>The measured figures of one load run, printed to the test output and written as JSON (TestResults/load.json).</summary>
public sealed record LoadFigures(
    int Users, int Contexts, int RendererProcesses, bool ChartsDrawn, int RampSeconds, string ThinkSeconds, double DurationSeconds,
    long Requests, int PageLoads, int SliderMoves, double ActionsPerSecond,
    Percentiles FirstLoadMilliseconds, Percentiles NavigationMilliseconds, Percentiles SliderRoundTripMilliseconds,
    IReadOnlyList<WindowFigures> Background, CircuitFigures Circuits,
    IReadOnlyList<MemoryPoint> MemoryCheckpoints, IReadOnlyList<MemoryPoint> MemoryOverTime,
    int ServerWarnings, int ServerErrors, IReadOnlyList<string> Problems)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static LoadFigures? FromJson(string json) => JsonSerializer.Deserialize<LoadFigures>(json, Json);

    public override string ToString()
    {
        var text = new StringBuilder();
        var i = CultureInfo.InvariantCulture;
        text.AppendLine(i, $"{Users} users in {Contexts} browser contexts ({RendererProcesses} renderer processes, charts {(ChartsDrawn ? "drawn" : "stubbed")}), ramp-up {RampSeconds} s, think {ThinkSeconds} s, run {DurationSeconds:F0} s");
        text.AppendLine(i, $"requests {Requests}, page loads {PageLoads}, slider moves {SliderMoves}, actions/s {ActionsPerSecond:F1}");
        text.AppendLine(i, $"first page load (new circuit)   {FirstLoadMilliseconds}");
        text.AppendLine(i, $"page via the navigation         {NavigationMilliseconds}");
        text.AppendLine(i, $"slider move round trip          {SliderRoundTripMilliseconds}");
        foreach (var w in Background)
        {
            text.AppendLine(i, $"{w.What}: {w.Seconds:F1} s ({w.Outcome}); meanwhile {w.PagesRendered} pages rendered, {w.SliderMoves} slider moves answered");
        }
        text.AppendLine(i, $"circuits: opened {Circuits.Opened}, peak {Circuits.Peak}, open at the end {Circuits.OpenAtEnd}, open after the tabs closed {Circuits.OpenAfterClose}, connections dropped {Circuits.ConnectionsDown}");
        foreach (var m in MemoryCheckpoints)
        {
            text.AppendLine(i, $"memory {m.Label,-22} at {m.At,6:F0} s: GC heap {m.HeapMegabytes,7:F1} MB, working set {m.WorkingSetMegabytes,7:F1} MB, circuits {m.Circuits}");
        }
        text.AppendLine("memory over time (s: heap MB / working set MB / circuits): " + string.Join(", ",
            MemoryOverTime.Select(m => string.Create(i, $"{m.At:F0}: {m.HeapMegabytes:F0}/{m.WorkingSetMegabytes:F0}/{m.Circuits}"))));
        text.AppendLine(i, $"server log: {ServerWarnings} warnings, {ServerErrors} errors; problems seen by the users: {Problems.Count}");
        return text.ToString();
    }
}

/// <summary>Nearest-rank percentiles of a set of durations.</summary>
public sealed record Percentiles(int Count, double P50, double P95, double Max)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? new(0, 0, 0, 0) : new(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), Math.Round(sorted[^1], 1));
    }

    private static double Rank(double[] sorted, double p) => Math.Round(sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)], 1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"n={Count}: p50 {P50:F0} ms, p95 {P95:F0} ms, max {Max:F0} ms");
}

/// <summary>An import or model run, and what the users got done before it finished.</summary>
public sealed record WindowFigures(string What, double StartedAt, double EndedAt, double Seconds, string Outcome, int PagesRendered, int SliderMoves);

public sealed record CircuitFigures(int Opened, int Peak, int OpenAtEnd, int OpenAfterClose, int ConnectionsDown);

/// <summary>The test process's memory (the server runs in it): managed heap, working set, and the circuits open then.</summary>
public sealed record MemoryPoint(string Label, double At, double HeapMegabytes, double WorkingSetMegabytes, int Circuits)
{
    /// <summary>Measures now; <paramref name="collect"/> first forces a full blocking, compacting collection so the heap is what is alive.</summary>
    public static MemoryPoint Measure(string label, double at, int circuits, bool collect)
    {
        if (collect)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
        using var process = Process.GetCurrentProcess();
        return new MemoryPoint(label, Math.Round(at, 1), Megabytes(GC.GetTotalMemory(forceFullCollection: false)), Megabytes(process.WorkingSet64), circuits);
    }

    private static double Megabytes(long bytes) => Math.Round(bytes / 1048576.0, 1);
}
