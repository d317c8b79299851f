using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Shared;

/// <summary>
/// Page views that aggregate the whole store (overview, products, campaign lifts, segment charts) computed once per
/// state of the store and shared by every user of this instance: an entry is keyed by the view and its parameters
/// and is valid while the <see cref="StoreStamp"/> it was computed under is current. Concurrent requests for a view
/// being computed wait for that one computation (no stampede under load); the computation itself is not cancelled
/// when one waiting page goes away; a failed one is forgotten so the next request tries again. At most
/// <see cref="Capacity"/> entries are kept (the least recently used go first).
/// Every computed view is also written to the store (<see cref="StoredView"/>, off the visitor's path) under the
/// state and the build it was computed for, and read from there before computing: an instance that starts on an
/// unchanged store, or a second instance of a cluster, pays a read of milliseconds instead of the aggregation.
/// </summary>
public sealed partial class ViewCache(IDbContextFactory<DashboardDbContext> dbFactory, ILogger<ViewCache>? logger = null)
{
    public const int Capacity = 256;

    /// <summary>
    /// The build computing the views: a view stored by another build (whose types or aggregations may differ) is not
    /// read. Module version ids change with every compilation of the two assemblies the views come from.
    /// </summary>
    private static readonly string Build = string.Join('.',
        new[] { typeof(ViewCache), typeof(Domain.Lifetime.BgNbdFitter) }.Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12]));

    // Views are records, lists and dictionaries of numbers and strings; NaN stays NaN.
    private static readonly JsonSerializerOptions Json = new()
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly ILogger _logger = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();
    private Task _writes = Task.CompletedTask;
    private int _computed;
    private int _loaded;

    /// <summary>Views this instance computed.</summary>
    public int Computed => Volatile.Read(ref _computed);

    /// <summary>Views this instance read from the store instead of computing them.</summary>
    public int Loaded => Volatile.Read(ref _loaded);

    /// <summary>The view for <paramref name="key"/> as of the store's current state: cached, or computed now.</summary>
    /// <param name="scope">What the view reads: a view of model-run snapshots stays current through imports.</param>
    public async Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> compute, CancellationToken ct, StampScope scope = StampScope.Store)
    {
        string stamp;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            stamp = await StoreStamp.ReadAsync(db, ct, scope);
        }
        var fullKey = typeof(T).FullName + "|" + key;
        var entry = _entries.AddOrUpdate(fullKey,
            _ => new Entry(stamp, Start(fullKey, stamp, scope, compute)),
            (_, existing) => existing.Stamp == stamp && !existing.Failed ? existing : new Entry(stamp, Start(fullKey, stamp, scope, compute)));
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

    /// <summary>Forgets every view held in memory (e.g. after the store was replaced in place).</summary>
    public void Clear() => _entries.Clear();

    /// <summary>Completes once every computed view so far has been written to the store (or failed to be).</summary>
    public Task FlushAsync()
    {
        lock (_writeLock)
        {
            return _writes;
        }
    }

    // Lazy: of the entries racing into the dictionary only the stored one ever starts its computation.
    private Lazy<Task<object?>> Start<T>(string key, string stamp, StampScope scope, Func<CancellationToken, Task<T>> compute) =>
        new(() => Task.Run(async () => (object?)await LoadOrComputeAsync(key, stamp, scope, compute)));

    private async Task<T> LoadOrComputeAsync<T>(string view, string stamp, StampScope scope, Func<CancellationToken, Task<T>> compute)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(view)));
        var storedStamp = stamp + "|" + Build;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            if (await StoredViewRows.ReadAsync(db, key, view, storedStamp, CancellationToken.None) is { } payload)
            {
                await using var json = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
                var value = await JsonSerializer.DeserializeAsync<T>(json, Json);
                Interlocked.Increment(ref _loaded);
                return value!;
            }
        }
        catch (Exception ex) when (ex is DbException or JsonException or InvalidDataException or NotSupportedException)
        {
            // A store that cannot be read here will fail the computation too, with the page's own message.
            LogReadFailed(_logger, view, ex);
        }
        var watch = Stopwatch.StartNew();
        var computed = await compute(CancellationToken.None);
        Interlocked.Increment(ref _computed);
        var seconds = watch.Elapsed.TotalSeconds;
        lock (_writeLock)
        {
            _writes = _writes.ContinueWith(_ => WriteAsync(key, view, stamp, scope, storedStamp, computed, seconds), TaskScheduler.Default).Unwrap();
        }
        return computed;
    }

    // Off the visitor's path, one write at a time. A view the store has already moved on from is not written.
    private async Task WriteAsync<T>(string key, string view, string stamp, StampScope scope, string storedStamp, T value, double seconds)
    {
        try
        {
            using var payload = new MemoryStream();
            await using (var zip = new GZipStream(payload, CompressionLevel.Fastest, leaveOpen: true))
            {
                await JsonSerializer.SerializeAsync(zip, value, Json);
            }
            await using var db = await dbFactory.CreateDbContextAsync();
            if (await StoreStamp.ReadAsync(db, CancellationToken.None, scope) != stamp)
            {
                return;
            }
            await StoredViewRows.WriteAsync(db, new StoredView
            {
                Key = key, View = view, Stamp = storedStamp, Payload = payload.ToArray(), ComputedUtc = DateTime.UtcNow, ComputeSeconds = seconds,
            }, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Only the next start's speed is at stake; the view itself was served.
            LogWriteFailed(_logger, view, ex);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not read the stored view {View}; computing it")]
    private static partial void LogReadFailed(ILogger logger, string view, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Could not store the view {View}")]
    private static partial void LogWriteFailed(ILogger logger, string view, Exception exception);

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
    public static Task<T> GetOrComputeAsync<T>(this ViewCache? cache, string key, Func<CancellationToken, Task<T>> compute, CancellationToken ct,
        StampScope scope = StampScope.Store) =>
        cache is null ? compute(ct) : cache.GetAsync(key, compute, ct, scope);

    /// <summary>A cache key from a view name and its parameters (serialized, so records holding lists compare by content).</summary>
    public static string Key(string view, params object?[] parameters) =>
        view + "|" + System.Text.Json.JsonSerializer.Serialize(parameters);
}
