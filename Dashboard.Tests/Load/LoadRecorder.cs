using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dashboard.Tests.Load;

/// <summary>What the simulated users did and saw, on one clock (seconds since the load started), safe to write from every user.</summary>
public sealed class LoadRecorder
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<PageLoad> _loads = new();
    private readonly ConcurrentQueue<SliderMove> _moves = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private long _requests;

    /// <summary>While false (pages closing at the end), browser events are not problems: closing a tab aborts its requests.</summary>
    public bool Watching { get; set; } = true;

    public double Now => _clock.Elapsed.TotalSeconds;

    public IReadOnlyList<PageLoad> Loads => [.. _loads];

    public IReadOnlyList<SliderMove> Moves => [.. _moves];

    public IReadOnlyList<string> Problems => [.. _problems];

    public long Requests => Interlocked.Read(ref _requests);

    public void Request() => Interlocked.Increment(ref _requests);

    public void Load(PageLoad load) => _loads.Enqueue(load);

    public void Move(SliderMove move) => _moves.Enqueue(move);

    public void Problem(int user, string problem)
    {
        if (Watching)
        {
            _problems.Enqueue($"user {user}: {problem}");
        }
    }
}

/// <summary>A page opened (<paramref name="Full"/>: a browser load and a new circuit; else a click in the navigation) until its data showed.</summary>
public sealed record PageLoad(int User, string Path, bool Full, double StartedAt, double EndedAt)
{
    public double Milliseconds => (EndedAt - StartedAt) * 1000;
}

/// <summary>
/// One budget slider moved by one step: the browser's round trip (input event to the new spend on screen), the slider's value
/// before and after the server answered, and the channel's spend in the URL (the plan) after it.
/// </summary>
public sealed record SliderMove(int User, string Channel, double StartedAt, double Milliseconds, string Before, string After, string? PlanSpend)
{
    /// <summary>The move took effect: the slider holds a new value and the plan in the URL holds the same.</summary>
    public bool TookEffect => After != Before && PlanSpend is not null && double.TryParse(PlanSpend, System.Globalization.CultureInfo.InvariantCulture, out var plan)
        && double.TryParse(After, System.Globalization.CultureInfo.InvariantCulture, out var after) && plan == after;
}
