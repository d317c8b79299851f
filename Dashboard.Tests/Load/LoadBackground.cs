using System.Net;
using System.Net.Http.Headers;
using Dashboard.Data;
using Dashboard.Features.Lifetime;
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
/// endpoint as an Admin, then a lifetime model run queued through the <see cref="JobQueue"/> (segments follow it).
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
            var run = await ModelRunAsync(app.Services, LifetimeJob.KindName, LifetimeStartupRun.Defaults.ToJson(), recorder);
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

    /// <summary>Queues a run and follows it from the moment a worker starts it until it finishes.</summary>
    private static async Task<BackgroundWindow> ModelRunAsync(IServiceProvider services, string kind, string parameters, LoadRecorder recorder)
    {
        var queue = services.GetRequiredService<JobQueue>();
        var runId = -1L;
        var running = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource<(double At, JobStatus Status)>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(JobStatus status)
        {
            if (status.RunId != Volatile.Read(ref runId))
            {
                return;
            }
            if (status.Status != JobQueue.Queued)
            {
                running.TrySetResult(recorder.Now);
            }
            if (!status.IsActive)
            {
                finished.TrySetResult((recorder.Now, status));
            }
        }
        queue.Changed += OnChanged;
        try
        {
            Volatile.Write(ref runId, await queue.EnqueueAsync(kind, parameters));
            // The worker may have moved it before its id was known here.
            if (queue.Status(runId) is { } now)
            {
                OnChanged(now);
            }
            var (endedAt, status) = await finished.Task.WaitAsync(TimeSpan.FromMinutes(10));
            return new BackgroundWindow($"model run {kind} #{runId}", await running.Task, endedAt, status.Status + (status.Error is { } e ? ": " + e : ""));
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
