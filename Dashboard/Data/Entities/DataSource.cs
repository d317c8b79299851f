namespace Dashboard.Data.Entities;

/// <summary>A platform the brand sells and talks through (Tmall, JD, Douyin shop, WeChat mini-program, app, SMS, offline...).</summary>
public sealed class DataSource
{
    public int Id { get; set; }
    /// <summary>Stable lower-case code used in files and URLs, e.g. "tmall".</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public SourceKind Kind { get; set; }
}

public enum SourceKind
{
    Marketplace = 0,
    SocialCommerce = 1,
    OwnedChannel = 2,
    Messaging = 3,
    Offline = 4,
}
