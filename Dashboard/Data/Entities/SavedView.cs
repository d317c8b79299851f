namespace Dashboard.Data.Entities;

/// <summary>
/// A named view a colleague saved: the page and its query string (the URL is the state), reachable at /v/{token}.
/// The token is random (128 bits); an expired or revoked view no longer opens.
/// </summary>
public sealed class SavedView
{
    public long Id { get; set; }
    public required string Token { get; set; }
    public required string Name { get; set; }
    /// <summary>App-relative URL: path and query, e.g. "/customers?segment=Champions".</summary>
    public required string Url { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ExpiresUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
    public string? RevokedBy { get; set; }
}
