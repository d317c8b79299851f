using System.Diagnostics;
using System.Globalization;
using Dashboard.Data;
using Dashboard.Data.Seed;
using Dashboard.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Cli;

/// <summary>
/// `bench identity`: generates synthetic source records with known persons behind them, resolves them
/// in one batch, scores pairwise precision and recall, then checks and times the incremental path:
/// the last share of records added to an index of the rest must give the batch partition.
/// </summary>
public sealed class BenchIdentityVerb : ICliVerb
{
    public string Name => "bench identity";

    public string Usage => "bench identity [--records N (default 100000)] [--seed S] [--max-fanout N] [--incremental-share F (default 0.01; 0 skips)] [--json]\n" +
        "  bench identity --demo [--customers N (default 20000)] [--seed S (default 42)] [--max-fanout N] [--json]   (the demo brand's identities against its truth)\n" +
        "  bench identity --store [--json]   (the configured store's customers against DemoIdentityTruths)";

    public async Task<int> RunAsync(CliContext context)
    {
        if (context.Args.Flag("demo"))
        {
            return await DemoAsync(context);
        }
        if (context.Args.Flag("store"))
        {
            return await StoreAsync(context);
        }
        var records = context.Args.Int("records", 100_000, min: 1, max: 50_000_000);
        var seed = context.Args.Int("seed", 42);
        var maxFanout = context.Args.Int("max-fanout", IdentityResolutionSettings.DefaultMaxFanout, min: 1);
        var share = context.Args.Double("incremental-share", 0.01, min: 0, max: 1);
        var json = context.Json;
        var settings = new IdentityResolutionSettings(maxFanout);

        var watch = Stopwatch.StartNew();
        var data = SyntheticIdentities.Generate(records, seed);
        var generateSeconds = watch.Elapsed.TotalSeconds;

        // CPU time next to wall time: on a shared machine the wall clock also measures the neighbours.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        watch.Restart();
        var resolution = IdentityResolver.Resolve(data.Records, settings);
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var score = PairwiseScore.Compute(resolution.Clusters.Select(c => c.RecordIds), id => data.PersonOf[(int)id - 1]);

        var ceiling = AttainableRecall(data, resolution, settings);
        var incremental = share > 0 ? MeasureIncremental(data, resolution, settings, share) : null;
        var output = new BenchOutput(
            records, data.Persons, resolution.Clusters.Count, maxFanout, resolution.Blocked.Count, resolution.Rejected.Count,
            Math.Round(score.Precision, 5), Math.Round(score.Recall, 5), Math.Round(score.F1, 5), Math.Round(ceiling, 5),
            Math.Round(seconds, 3), Math.Round(cpuSeconds, 3), Math.Round(generateSeconds, 3), incremental);
        if (json)
        {
            await context.WriteJsonAsync(output);
            return 0;
        }
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"identity: {records} records of {data.Persons} persons -> {output.Profiles} profiles in {output.Seconds:F2} s ({output.CpuSeconds:F2} s CPU); " +
            $"precision {output.Precision:F4}, recall {output.Recall:F4} (attainable {output.AttainableRecall:F4}); {output.BlockedIdentifiers} identifiers blocked"));
        if (incremental is not null)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"incremental: {incremental.AddedRecords} records added to {incremental.BaseRecords} in {incremental.Seconds:F3} s; matches batch: {incremental.MatchesBatch}"));
        }
        return 0;
    }

    // The demo brand's identities (the seeder's first pass), resolved as the seeder and the app do, scored against the truth.
    private static async Task<int> DemoAsync(CliContext context)
    {
        var customers = context.Args.Int("customers", 20_000, min: 1, max: 10_000_000);
        var seed = context.Args.Int("seed", 42);
        var maxFanout = context.Args.Int("max-fanout", IdentityResolutionSettings.DefaultMaxFanout, min: 1);
        var watch = Stopwatch.StartNew();
        var generator = new DemoBrandGenerator(customers, seed) { IdentitiesOnly = true };
        var records = new List<IdentityRecord>();
        var persons = new List<int>();
        foreach (var person in generator.People())
        {
            foreach (var i in person.Identities)
            {
                records.Add(new IdentityRecord(i.Id, i.Phone, i.Email, i.MemberNo));
                persons.Add(person.Truth.Id);
            }
        }
        var generateSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var settings = new IdentityResolutionSettings(maxFanout);
        var resolution = IdentityResolver.Resolve(records, settings);
        var seconds = watch.Elapsed.TotalSeconds;
        var score = PairwiseScore.Compute(resolution.Clusters.Select(c => c.RecordIds), id => persons[(int)id - 1]);
        var data = new SyntheticIdentitySet(records, [.. persons], generator.Persons);
        var output = new DemoOutput(customers, seed, records.Count, generator.Persons, resolution.Clusters.Count, maxFanout,
            resolution.Blocked.Count, Math.Round(score.Precision, 5), Math.Round(score.Recall, 5), Math.Round(score.F1, 5),
            Math.Round(AttainableRecall(data, resolution, settings), 5), generator.Stats.UnlinkableIdentities,
            generator.Stats.IdentitiesWithoutIdentifiers, Math.Round(seconds, 3), Math.Round(generateSeconds, 3));
        if (context.Json)
        {
            await context.WriteJsonAsync(output);
            return 0;
        }
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"demo brand ({customers} buyers, seed {seed}): {output.Records} identities of {output.Persons} persons -> {output.Profiles} profiles in {output.Seconds:F2} s; " +
            $"precision {output.Precision:F4}, recall {output.Recall:F4} (attainable {output.AttainableRecall:F4}); " +
            $"{output.BlockedIdentifiers} identifiers blocked; {output.UnlinkableIdentities} identities share nothing with their siblings"));
        return 0;
    }

    // The store's profiles (SourceIdentities.CustomerId) against the seeded truth (DemoIdentityTruths).
    private static async Task<int> StoreAsync(CliContext context)
    {
        var factory = context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync(context.Cancellation);
        var rows = await db.SourceIdentities.AsNoTracking()
            .Join(db.DemoIdentityTruths, i => i.Id, t => t.SourceIdentityId, (i, t) => new { i.CustomerId, t.PersonId })
            .ToListAsync(context.Cancellation);
        if (rows.Count == 0)
        {
            throw new CliInputException("the store has no demo truth (DemoIdentityTruths is empty): run seed-demo first");
        }
        var score = PairwiseScore.Compute([.. rows.Select(r => r.CustomerId)], [.. rows.Select(r => (long)r.PersonId)]);
        var output = new StoreOutput(rows.Count, rows.Select(r => r.CustomerId).Distinct().Count(), rows.Select(r => r.PersonId).Distinct().Count(),
            Math.Round(score.Precision, 5), Math.Round(score.Recall, 5), Math.Round(score.F1, 5));
        if (context.Json)
        {
            await context.WriteJsonAsync(output);
            return 0;
        }
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"store: {output.Identities} identities in {output.Customers} customers for {output.Persons} true persons; precision {output.Precision:F4}, recall {output.Recall:F4}"));
        return 0;
    }

    public sealed record DemoOutput(
        int Customers, int Seed, int Records, int Persons, int Profiles, int MaxFanout, int BlockedIdentifiers,
        double Precision, double Recall, double F1, double AttainableRecall, long UnlinkableIdentities, long IdentitiesWithoutIdentifiers,
        double Seconds, double GenerateSeconds);

    public sealed record StoreOutput(int Identities, int Customers, int Persons, double Precision, double Recall, double F1);

    // The recall a deterministic matcher could reach at best: each person's records resolved on their own
    // (so other people cannot interfere) with the identifiers the full run blocked denied. What is lost
    // here is records that share no usable identifier with their siblings.
    private static double AttainableRecall(SyntheticIdentitySet data, IdentityResolution full, IdentityResolutionSettings settings)
    {
        var perPerson = settings with { Denied = [.. full.Blocked.Select(b => new Identifier(b.Kind, b.Value))] };
        long attainable = 0;
        long truePairs = 0;
        for (var start = 0; start < data.Records.Count;)
        {
            var end = start;
            while (end < data.Records.Count && data.PersonOf[end] == data.PersonOf[start])
            {
                end++;
            }
            var records = data.Records.Skip(start).Take(end - start).ToList();
            truePairs += Pairs(records.Count);
            attainable += records.Count == 1 ? 0 : IdentityResolver.Resolve(records, perPerson).Clusters.Sum(c => Pairs(c.RecordIds.Count));
            start = end;
        }
        return truePairs == 0 ? 1.0 : (double)attainable / truePairs;
    }

    private static long Pairs(long n) => n * (n - 1) / 2;

    private static IncrementalOutput MeasureIncremental(SyntheticIdentitySet data, IdentityResolution full, IdentityResolutionSettings settings, double share)
    {
        var added = Math.Max(1, (int)Math.Round(data.Records.Count * share));
        var baseRecords = data.Records.Take(data.Records.Count - added).ToList();
        var index = IdentityIndex.FromResolution(baseRecords, IdentityResolver.Resolve(baseRecords, settings), settings);
        var watch = Stopwatch.StartNew();
        index.Add([.. data.Records.Skip(baseRecords.Count)]);
        var seconds = watch.Elapsed.TotalSeconds;
        var partition = index.Partition();
        var matches = partition.Count == full.Clusters.Count
            && partition.Zip(full.Clusters).All(p => p.First.SequenceEqual(p.Second.RecordIds));
        return new IncrementalOutput(baseRecords.Count, added, Math.Round(seconds, 4), matches);
    }

    public sealed record BenchOutput(
        int Records, int Persons, int Profiles, int MaxFanout, int BlockedIdentifiers, int RejectedValues,
        double Precision, double Recall, double F1, double AttainableRecall, double Seconds, double CpuSeconds, double GenerateSeconds, IncrementalOutput? Incremental);

    public sealed record IncrementalOutput(int BaseRecords, int AddedRecords, double Seconds, bool MatchesBatch);
}
