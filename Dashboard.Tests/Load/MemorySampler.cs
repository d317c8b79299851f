namespace Dashboard.Tests.Load;

/// <summary>Samples the process's memory and the open circuits every few seconds, without forcing a collection.</summary>
public sealed class MemorySampler : IDisposable
{
    private readonly List<MemoryPoint> _points = [];
    private readonly Timer _timer;

    public MemorySampler(LoadRecorder recorder, CircuitCounter circuits) =>
        _timer = new Timer(_ =>
        {
            var point = MemoryPoint.Measure("sample", recorder.Now, circuits.Open, collect: false);
            lock (_points)
            {
                _points.Add(point);
            }
        }, null, TimeSpan.Zero, TimeSpan.FromSeconds(5));

    public IReadOnlyList<MemoryPoint> Points
    {
        get
        {
            lock (_points)
            {
                return [.. _points];
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}
