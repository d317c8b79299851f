namespace Dashboard.Data.Entities;

/// <summary>
/// One normalized identifier of a source identity (IdentifierNormalizer): the index identity resolution and
/// the customer search look values up in, whatever format each source wrote them in.
/// </summary>
public sealed class IdentityKey
{
    /// <summary>0 member number, 1 phone, 2 e-mail (Dashboard.Domain.Identity.IdentifierKind).</summary>
    public int Kind { get; set; }
    public required string Value { get; set; }
    public long SourceIdentityId { get; set; }
}

/// <summary>An identifier shared by too many records to be used for merging (or denied), kept for review on the Data page.</summary>
public sealed class IdentifierBlock
{
    /// <summary>0 member number, 1 phone, 2 e-mail.</summary>
    public int Kind { get; set; }
    public required string Value { get; set; }
    /// <summary>How many source identities carry it.</summary>
    public int Records { get; set; }
    /// <summary>"fanout" or "denied".</summary>
    public required string Reason { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

/// <summary>
/// An operator's split of a profile: the members on one side are not the same person as those on the other.
/// Resolution honours it from then on (imports and full re-resolutions included).
/// </summary>
public sealed class IdentitySplit
{
    public long Id { get; set; }
    /// <summary>The profile that was split (it keeps the part holding its oldest identity).</summary>
    public long CustomerId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public required string CreatedBy { get; set; }
    public string? Reason { get; set; }
    public List<IdentitySplitMember> Members { get; set; } = [];
}

public sealed class IdentitySplitMember
{
    public long IdentitySplitId { get; set; }
    public long SourceIdentityId { get; set; }
    /// <summary>true for the identities split off, false for the rest of the profile at the time.</summary>
    public bool SplitOff { get; set; }
}

/// <summary>A profile that was merged into another: links to the old id lead to the survivor.</summary>
public sealed class CustomerMerge
{
    public long AbsorbedCustomerId { get; set; }
    public long SurvivorCustomerId { get; set; }
    public DateTime MergedUtc { get; set; }
}
