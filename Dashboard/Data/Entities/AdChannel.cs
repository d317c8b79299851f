namespace Dashboard.Data.Entities;

/// <summary>A paid media channel (platform bidding ads, Douyin, WeChat Moments, search, KOL livestreams, SMS, app push...).</summary>
public sealed class AdChannel
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
}

/// <summary>One channel's spend in one week (weeks start on Monday, UTC) and the outcome attributed to it.</summary>
public sealed class ChannelSpend
{
    public long Id { get; set; }
    public int AdChannelId { get; set; }
    public DateTime WeekStartUtc { get; set; }
    public double Spend { get; set; }
    /// <summary>Attributed revenue in the brand's currency.</summary>
    public double Revenue { get; set; }
    public double Conversions { get; set; }
    public long? ImportRunId { get; set; }

    public AdChannel? AdChannel { get; set; }
}
