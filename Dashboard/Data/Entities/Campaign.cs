namespace Dashboard.Data.Entities;

public sealed class Campaign
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int AdChannelId { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }
    /// <summary>Total cost of the delivery in the brand's currency.</summary>
    public double Cost { get; set; }
    /// <summary>A description of whom the campaign targeted.</summary>
    public required string TargetAudience { get; set; }
    /// <summary>The planned share of targeted customers held out as control (0 when there is no holdout).</summary>
    public double PlannedControlShare { get; set; }

    public AdChannel? AdChannel { get; set; }
}

/// <summary>A targeted customer's arm in a campaign: a treatment arm or the control (holdout) group.</summary>
public sealed class CampaignAssignment
{
    public int CampaignId { get; set; }
    public long CustomerId { get; set; }
    public required string Arm { get; set; }
    public bool IsControl { get; set; }

    public Campaign? Campaign { get; set; }
}
