using Dashboard.Features.Segments;

namespace Dashboard.Features.Audiences;

/// <summary>An audience's definition evaluated now, on the latest (or a given) segment period.</summary>
/// <param name="PeriodEnd">The segment period evaluated; null when no segment snapshot exists yet.</param>
/// <param name="Revenue">Members' revenue up to the period end (currency units).</param>
/// <param name="MeanClv">Mean predicted CLV of the members that have one (a lifetime run's period); null otherwise.</param>
/// <param name="WithoutConsent">Members without consent to ad matching (Customer.ConsentAds): left out of exports.</param>
/// <param name="Reachable">Members with consent and at least one phone or email on a source identity.</param>
public sealed record AudiencePreview(DateOnly? PeriodEnd, int Customers, double Revenue, double? MeanClv, int WithoutConsent, int Reachable)
{
    public static AudiencePreview None { get; } = new(null, 0, 0, null, 0, 0);
}

/// <summary>A saved audience in the list.</summary>
/// <param name="LookalikeRunId">The lookalike run it was expanded from; null for a segment definition.</param>
public sealed record AudienceRow(long Id, string Name, CustomerSegmentFilter Filter, DateTime CreatedUtc, int Snapshots, AudienceSnapshotRow? Latest, long? LookalikeRunId = null);

/// <summary>A frozen membership snapshot.</summary>
public sealed record AudienceSnapshotRow(long Id, DateTime TakenUtc, DateOnly PeriodEnd, int Customers, double Revenue);

/// <summary>One audience with its definition evaluated now and its frozen snapshots (newest first).</summary>
/// <param name="LookalikeRunId">For a lookalike audience, its run; then <paramref name="Now"/> describes the latest snapshot.</param>
public sealed record AudienceDetail(long Id, string Name, CustomerSegmentFilter Filter, DateTime CreatedUtc, AudiencePreview Now, IReadOnlyList<AudienceSnapshotRow> Snapshots, long? LookalikeRunId = null);

/// <summary>What an export will hold: members, those left out for lack of consent, and those written.</summary>
public sealed record CrowdPackageCounts(int Members, int WithoutConsent, int Exported, int Rows);

/// <summary>A data source for the builder's acquisition-source choice.</summary>
public sealed record SourceOption(string Code, string Name);

/// <summary>The result of saving: the new id, or a message for the user (a format with the name as {0}).</summary>
public sealed record SaveAudienceResult(long? Id, string? Error, string Name)
{
    public const string NameMissing = "An audience needs a name of 1 to 120 characters.";
    public const string NameTaken = "An audience named '{0}' already exists.";
}
