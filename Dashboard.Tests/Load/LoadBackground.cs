using System.Net;
using System.Net.Http.Headers;
using Dashboard.Data;
using Dashboard.Features.Lifetime;
using Dashboard.Features.Segments;
using Dashboard.Jobs;
using Dashboard.Security;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Load;

/// <summary>Something long that ran while the users kept going, on the recorder's clock.</summary>
public sealed record BackgroundWindow(string What, double StartedAt, double EndedAt, string Outcome);

/// <summary>
/// The work a data team starts while everyone else browses: a customers file and an orders file posted to the import
/// endpoint as an Admin, then a lifetime model run queued through the <see cref="JobQueue"/> and the segments run that follows it.
/// </summary>
public static class LoadBackground
{
    public static async Task<IReadOnlyList<BackgroundWindow>> RunAsync(LoadAppFactory app, LoadRecorder recorder)
    {
        var folder = Directory.CreateTempSubdirectory("dashboard-load-import-").FullName;
        try
        {
            var files = await LoadImportFiles.WriteAsync(app.Services, folder);
            using var client = await AdminClientAsync(app.ClientOptions.BaseAddress);
            var customers = await ImportAsync(client, "customers", files.Customers, recorder);
            var orders = await ImportAsync(client, "orders", files.Orders, recorder);
            var run = await ModelRunAsync(app.Services, LifetimeStartupRun.Defaults.ToJson(), recorder);
            await WaitForIdleQueueAsync(app.Services);
            return [customers, orders, run];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A client signed in as the Admin test user through the real form, talking to Kestrel over loopback.</summary>
    private static async Task<HttpClient> AdminClientAsync(Uri baseAddress)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
        using var response = await TestUsers.PostLoginAsync(client, TestUsers.Email(Roles.Admin), TestUsers.Password);
        if (response.RequestMessage?.RequestUri?.AbsolutePath == "/account/login")
        {
            client.Dispose();
            throw new InvalidOperationException($"the Admin test user could not sign in ({(int)response.StatusCode})");
        }
        return client;
    }

    private static async Task<BackgroundWindow> ImportAsync(HttpClient client, string kind, string path, LoadRecorder recorder)
    {
        await using var stream = File.OpenRead(path);
        using var file = new StreamContent(stream);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var form = new MultipartFormDataContent { { file, "file", Path.GetFileName(path) } };
        var started = recorder.Now;
        using var response = await client.PostAsync($"/api/import/{kind}", form);
        var body = await response.Content.ReadAsStringAsync();
        return new BackgroundWindow($"import {kind} ({new FileInfo(path).Length / 1_000_000.0:F1} MB)", started, recorder.Now,
            $"HTTP {(int)response.StatusCode}" + (response.IsSuccessStatusCode ? "" : ": " + body));
    }

    /// <summary>
    /// Queues a lifetime run and follows it, and the segments run its success queues, from the moment a worker starts the
    /// first until the second finishes: the whole model run a data team waits for (a lifetime run alone can take a fraction of
    /// a second on the test brand, too short to say anything about the pages meanwhile).
    /// </summary>
    private static async Task<BackgroundWindow> ModelRunAsync(IServiceProvider services, string parameters, LoadRecorder recorder)
    {
        var queue = services.GetRequiredService<JobQueue>();
        var lifetimeId = -1L;
        var segmentsId = -1L;
        var running = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource<(double At, string Outcome)>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(JobStatus status)
        {
            var lifetime = Volatile.Read(ref lifetimeId);
            if (lifetime < 0 || status.RunId < lifetime)
            {
                return;
            }
            if (status.RunId == lifetime)
            {
                if (status.Status != JobQueue.Queued)
                {
                    running.TrySetResult(recorder.Now);
                }
                if (status.Status == JobQueue.Failed)
                {
                    finished.TrySetResult((recorder.Now, $"lifetime {status.Status}: {status.Error}"));
                }
                return;
            }
            if (status.Kind != SegmentsJob.JobKind)
            {
                return;
            }
            var segments = Interlocked.CompareExchange(ref segmentsId, status.RunId, -1L);
            if (segments >= 0 && segments != status.RunId)
            {
                return;
            }
            if (!status.IsActive)
            {
                finished.TrySetResult((recorder.Now, status.Status + (status.Error is { } e ? ": " + e : "")));
            }
        }
        queue.Changed += OnChanged;
        try
        {
            Volatile.Write(ref lifetimeId, await queue.EnqueueAsync(LifetimeJob.KindName, parameters));
            // The worker may have moved it before its id was known here.
            if (queue.Status(lifetimeId) is { } now)
            {
                OnChanged(now);
            }
            var (endedAt, outcome) = await finished.Task.WaitAsync(TimeSpan.FromMinutes(10));
            return new BackgroundWindow($"model run lifetime #{lifetimeId} and segments #{Volatile.Read(ref segmentsId)}", await running.Task, endedAt, outcome);
        }
        finally
        {
            queue.Changed -= OnChanged;
        }
    }

    /// <summary>Waits until no model run is queued or running (the start-up runs, or the segments run a lifetime run queues).</summary>
    public static async Task WaitForIdleQueueAsync(IServiceProvider services)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        var until = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                var busy = await db.ModelRuns.AnyAsync(r => r.Status == JobQueue.Queued || r.Status == JobQueue.Running);
                if (!busy && await db.ChannelCurves.AnyAsync() && await db.CustomerLifetimes.AnyAsync() && await db.SegmentPeriods.AnyAsync())
                {
                    return;
                }
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("model runs were still queued or running after 10 minutes");
            }
            await Task.Delay(500);
        }
    }
}
