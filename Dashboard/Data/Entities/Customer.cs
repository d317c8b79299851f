namespace Dashboard.Data.Entities;

/// <summary>A unified person: derived from one or more source identities.</summary>
public sealed class Customer
{
    public long Id { get; set; }
    public string? Name { get; set; }
    /// <summary>"F", "M" or null when unknown.</summary>
    public string? Gender { get; set; }
    public int? BirthYear { get; set; }
    public string? City { get; set; }
    /// <summary>1 (first-tier cities such as Shanghai) to 5; null when unknown.</summary>
    public int? CityTier { get; set; }
    public DateTime FirstSeenUtc { get; set; }
    /// <summary>The source through which the person was first acquired.</summary>
    public int? AcquisitionSourceId { get; set; }
    public bool ConsentSms { get; set; }
    public bool ConsentEmail { get; set; }
    public bool ConsentPush { get; set; }
    /// <summary>Consent to be matched in ad platforms' audiences (crowd packages).</summary>
    public bool ConsentAds { get; set; }

    // Summaries kept with the profile so the customer list can sort and filter a million rows by index
    // (IdentityService refreshes them when profiles or their orders change).
    public int OrderCount { get; set; }
    /// <summary>Sum of order totals in the brand's currency.</summary>
    public double Revenue { get; set; }
    public DateTime? FirstOrderUtc { get; set; }
    public DateTime? LastOrderUtc { get; set; }
    public int IdentityCount { get; set; }

    public DataSource? AcquisitionSource { get; set; }
    public List<SourceIdentity> Identities { get; set; } = [];
}
