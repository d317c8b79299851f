namespace Dashboard.Data.Entities;

/// <summary>
/// A saved audience: a definition (filters over the latest segment snapshot, all that are set must hold),
/// re-evaluated whenever it is previewed or exported, plus frozen membership snapshots.
/// </summary>
public sealed class Audience
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>RFM segment key (enum name, e.g. "Champions"); null = any.</summary>
    public string? Segment { get; set; }
    /// <summary>Value tier key ("0-1" = top 1% by value rank); null = any.</summary>
    public string? Tier { get; set; }
    /// <summary>Lifecycle stage key (enum name, e.g. "Repeat"); null = any.</summary>
    public string? Stage { get; set; }
    /// <summary>VAP cell key: value, attrition, potential levels as L/M/H letters (e.g. "HLM"); null = any.</summary>
    public string? VapCell { get; set; }
    /// <summary>VAP strategy key (enum name, e.g. "WinBack"); null = any.</summary>
    public string? VapStrategy { get; set; }
    /// <summary>Acquisition source code (e.g. "tmall"); null = any.</summary>
    public string? Source { get; set; }
    public DateTime CreatedUtc { get; set; }
    /// <summary>
    /// The "lookalike" model run this audience was expanded from; null for a segment definition. A lookalike audience
    /// has no filters: its membership is its frozen snapshot (the top N of that run's ranked pool).
    /// </summary>
    public long? LookalikeRunId { get; set; }

    public List<AudienceSnapshot> Snapshots { get; set; } = [];
}

/// <summary>The frozen membership of an audience at one moment, evaluated on one segment period.</summary>
public sealed class AudienceSnapshot
{
    public long Id { get; set; }
    public long AudienceId { get; set; }
    public DateTime TakenUtc { get; set; }
    /// <summary>The segment period the definition was evaluated on.</summary>
    public DateOnly PeriodEnd { get; set; }
    public int Customers { get; set; }
    /// <summary>Revenue to the period end of the members (currency units).</summary>
    public double Revenue { get; set; }

    public Audience? Audience { get; set; }
}

/// <summary>One customer in a frozen audience snapshot.</summary>
public sealed class AudienceMember
{
    public long AudienceSnapshotId { get; set; }
    public long CustomerId { get; set; }
}
