namespace Dashboard.Data.Entities;

/// <summary>An id within one source, with the identifiers that source knows. Never deleted: profiles are derived from these.</summary>
public sealed class SourceIdentity
{
    public long Id { get; set; }
    public int SourceId { get; set; }
    /// <summary>The id the source uses (buyer id, open id, member id...).</summary>
    public required string ExternalId { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? MemberNo { get; set; }
    public long CustomerId { get; set; }
    public DateTime FirstSeenUtc { get; set; }
    public long? ImportRunId { get; set; }

    // What this source knows about the person. The customer's profile is derived from these (IdentityService
    // documents the rules), so a split can rebuild each part's profile from its own identities.
    public string? Name { get; set; }
    /// <summary>"F", "M" or null when the source does not know.</summary>
    public string? Gender { get; set; }
    public int? BirthYear { get; set; }
    public string? City { get; set; }
    public int? CityTier { get; set; }
    /// <summary>true = consented in this source, false = refused or revoked, null = the source does not ask.</summary>
    public bool? ConsentSms { get; set; }
    public bool? ConsentEmail { get; set; }
    public bool? ConsentPush { get; set; }
    public bool? ConsentAds { get; set; }

    /// <summary>
    /// Why this identity is in its profile: the identity it was linked to (towards the profile's oldest identity,
    /// which has none) and the normalized identifier they share. Written by identity resolution.
    /// </summary>
    public long? LinkedToId { get; set; }
    /// <summary>"phone", "email" or "member_no" (IdentifierKind codes).</summary>
    public string? LinkedByKind { get; set; }
    public string? LinkedByValue { get; set; }

    public DataSource? Source { get; set; }
    public Customer? Customer { get; set; }
}
