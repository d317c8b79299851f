using System.Collections.Concurrent;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Shared;

/// <summary>
/// Page views that aggregate the whole store (overview, products, campaign lifts, segment charts) computed once per
/// state of the store and shared by every user of this instance: an entry is keyed by the view and its parameters
/// and is valid while the <see cref="StoreStamp"/> it was computed under is current. Concurrent requests for a view
/// being computed wait for that one computation (no stampede under load); the computation itself is not cancelled
/// when one waiting page goes away; a failed one is forgotten so the next request tries again. At most
/// <see cref="Capacity"/> entries are kept (the least recently used go first).
/// </summary>
public sealed class ViewCache(IDbContextFactory<DashboardDbContext> dbFactory)
{
    public const int Capacity = 256;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The view for <paramref name="key"/> as of the store's current state: cached, or computed now.</summary>
    public async Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> compute, CancellationToken ct)
    {
        string stamp;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            stamp = await StoreStamp.ReadAsync(db, ct);
        }
        var fullKey = typeof(T).FullName + "|" + key;
        var entry = _entries.AddOrUpdate(fullKey,
            _ => new Entry(stamp, Start(compute)),
            (_, existing) => existing.Stamp == stamp && !existing.Failed ? existing : new Entry(stamp, Start(compute)));
        entry.Touch();
        Trim();
        try
        {
            return (T)(await entry.Task.Value.WaitAsync(ct))!;
        }
        catch (Exception) when (entry.Failed)
        {
            // Forget the failure; the caller sees it once, the next request computes again.
            _entries.TryRemove(new KeyValuePair<string, Entry>(fullKey, entry));
            throw;
        }
    }

    /// <summary>Forgets every view (e.g. after the store was replaced in place).</summary>
    public void Clear() => _entries.Clear();

    // Lazy: of the entries racing into the dictionary only the stored one ever starts its computation.
    private static Lazy<Task<object?>> Start<T>(Func<CancellationToken, Task<T>> compute) =>
        new(() => Task.Run(async () => (object?)await compute(CancellationToken.None)));

    private void Trim()
    {
        var excess = _entries.Count - Capacity;
        if (excess <= 0)
        {
            return;
        }
        foreach (var old in _entries.OrderBy(e => e.Value.LastUsed).Take(excess).ToList())
        {
            _entries.TryRemove(old);
        }
    }

    private sealed class Entry(string stamp, Lazy<Task<object?>> task)
    {
        private long _lastUsed = Environment.TickCount64;

        public string Stamp { get; } = stamp;

        public Lazy<Task<object?>> Task { get; } = task;

        public bool Failed => Task.IsValueCreated && (Task.Value.IsFaulted || Task.Value.IsCanceled);

        public long LastUsed => Interlocked.Read(ref _lastUsed);

        public void Touch() => Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
    }
}

public static class ViewCacheExtensions
{
    /// <summary>Through the cache when there is one (the app, the worker), else computed directly (services built by hand).</summary>
    public static Task<T> GetOrComputeAsync<T>(this ViewCache? cache, string key, Func<CancellationToken, Task<T>> compute, CancellationToken ct) =>
        cache is null ? compute(ct) : cache.GetAsync(key, compute, ct);

    /// <summary>A cache key from a view name and its parameters (serialized, so records holding lists compare by content).</summary>
    public static string Key(string view, params object?[] parameters) =>
        view + "|" + System.Text.Json.JsonSerializer.Serialize(parameters);
}
