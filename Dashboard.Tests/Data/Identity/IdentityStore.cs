using Dashboard.Data.Entities;
using Dashboard.Data.Identity;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Data.Identity;

/// <summary>
/// A test store with source identities written the way the customers import writes them (one new customer per new
/// identity, holding what the file said, and the run's id on the identity), and the IdentityService over it.
/// </summary>
public sealed class IdentityStore : IAsyncDisposable
{
    private long _run;

    private IdentityStore(TestDatabase db, int maxFanout)
    {
        Db = db;
        Service = new IdentityService(db.Factory, Options.Create(new IdentityOptions { MaxFanout = maxFanout }), TimeProvider.System,
            NullLogger<IdentityService>.Instance);
    }

    public TestDatabase Db { get; }

    public IdentityService Service { get; }

    public static async Task<IdentityStore> CreateAsync(int maxFanout = 8) => new(await TestDatabase.CreateAsync(), maxFanout);

    /// <summary>One identity as an import would add it: a new customer of its own with the given attributes.</summary>
    public sealed record Row(string ExternalId, int SourceId = 1, string? Phone = null, string? Email = null, string? MemberNo = null,
        string? Name = null, int? BirthYear = null, string? City = null, bool ConsentSms = false, DateTime? FirstSeen = null, int Orders = 0);

    /// <summary>Writes the rows as one import run and returns the run id (not yet resolved).</summary>
    public async Task<long> ImportAsync(params Row[] rows)
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        var run = new ImportRun { Kind = "customers", FileName = $"run{++_run}.csv", Status = "succeeded", StartedUtc = DateTime.UtcNow };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync();
        foreach (var row in rows)
        {
            var firstSeen = row.FirstSeen ?? new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var customer = new Customer
            {
                Name = row.Name, BirthYear = row.BirthYear, City = row.City, FirstSeenUtc = firstSeen, AcquisitionSourceId = row.SourceId,
                ConsentSms = row.ConsentSms,
            };
            var identity = new SourceIdentity
            {
                SourceId = row.SourceId, ExternalId = row.ExternalId, Phone = row.Phone, Email = row.Email, MemberNo = row.MemberNo,
                FirstSeenUtc = firstSeen, ImportRunId = run.Id, Customer = customer,
            };
            db.SourceIdentities.Add(identity);
            await db.SaveChangesAsync();
            for (var o = 0; o < row.Orders; o++)
            {
                db.Orders.Add(new Order
                {
                    SourceId = row.SourceId, OrderNo = $"{row.ExternalId}-{o}", CustomerId = customer.Id, SourceIdentityId = identity.Id,
                    PlacedAtUtc = firstSeen.AddDays(10 * (o + 1)), Total = 100, LineCount = 1,
                });
            }
            await db.SaveChangesAsync();
        }
        return run.Id;
    }

    /// <summary>Imports the rows and resolves them as the app does after a customers import.</summary>
    public async Task<IdentityRunResult> ImportAndResolveAsync(params Row[] rows) =>
        await Service.ResolveImportAsync(await ImportAsync(rows), CancellationToken.None);

    public async Task<long> CustomerOfAsync(string externalId)
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.SourceIdentities.Where(i => i.ExternalId == externalId).Select(i => i.CustomerId).SingleAsync();
    }

    public async Task<SourceIdentity> IdentityAsync(string externalId)
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.SourceIdentities.AsNoTracking().SingleAsync(i => i.ExternalId == externalId);
    }

    public async Task<Customer> CustomerAsync(long id)
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.Customers.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    public async Task<T> QueryAsync<T>(Func<Dashboard.Data.DashboardDbContext, Task<T>> query)
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await query(db);
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
