using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Seed;

/// <summary>How big a demo brand to generate, and from which seed (same seed, same brand).</summary>
public sealed record DemoBrandSettings(int Customers, int Seed);

public sealed record DemoSeedProgress(string Stage, double Fraction);

public sealed record DemoSeedResult(int Customers, int SourceIdentities, long Orders, long OrderLines, long Touchpoints, TimeSpan Elapsed);

/// <summary>Generates the deterministic demo brand and writes it, with its ground truth, into an empty store.</summary>
public sealed class DemoBrandSeeder(IDbContextFactory<DashboardDbContext> dbFactory)
{
    public Task<DemoSeedResult> SeedAsync(DemoBrandSettings settings, IProgress<DemoSeedProgress>? progress, CancellationToken ct)
    {
        _ = dbFactory;
        _ = settings;
        _ = progress;
        _ = ct;
        throw new NotImplementedException("The demo brand generator is being written (foundation issue).");
    }
}
