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

    public DataSource? Source { get; set; }
    public Customer? Customer { get; set; }
}
