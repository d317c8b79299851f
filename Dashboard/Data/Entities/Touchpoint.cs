namespace Dashboard.Data.Entities;

/// <summary>One interaction with a person on a source: an ad impression or click, a visit, a message, an add-to-cart.</summary>
public sealed class Touchpoint
{
    public long Id { get; set; }
    public int SourceId { get; set; }
    /// <summary>The event id within the source; (source, event id) makes re-imports idempotent.</summary>
    public required string EventId { get; set; }
    public long CustomerId { get; set; }
    public long SourceIdentityId { get; set; }
    public TouchpointType Type { get; set; }
    public DateTime OccurredAtUtc { get; set; }
    /// <summary>Seconds on page for visits; null otherwise.</summary>
    public int? DwellSeconds { get; set; }
    public int? CampaignId { get; set; }
    public int? ProductId { get; set; }
    public long? ImportRunId { get; set; }

    public DataSource? Source { get; set; }
    public Campaign? Campaign { get; set; }
    public Product? Product { get; set; }
}

public enum TouchpointType
{
    Impression = 0,
    Click = 1,
    Visit = 2,
    MessageSent = 3,
    MessageOpened = 4,
    AddToCart = 5,
}
