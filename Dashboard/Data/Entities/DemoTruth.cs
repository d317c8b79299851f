namespace Dashboard.Data.Entities;

/// <summary>
/// Ground truth of the generated demo brand: the generating parameters as JSON under a key
/// (e.g. "bgnbd", "channels", "campaigns"). Later capabilities score their recovery against it.
/// </summary>
public sealed class DemoTruth
{
    public required string Key { get; set; }
    public required string Json { get; set; }
}

/// <summary>A true person of the demo brand and that person's latent behaviour.</summary>
public sealed class DemoPerson
{
    public int Id { get; set; }
    /// <summary>Purchase rate per week while alive (BG/NBD λ); 0 for prospects.</summary>
    public double Lambda { get; set; }
    /// <summary>Drop-out probability after each purchase (BG/NBD p).</summary>
    public double DropoutProbability { get; set; }
    /// <summary>Expected spend per order in CNY (Gamma-Gamma: p / ν).</summary>
    public double MeanOrderValue { get; set; }
    /// <summary>Whether the person was still alive at the end of the generated history.</summary>
    public bool AliveAtEnd { get; set; }
    /// <summary>A person with touchpoints and no orders.</summary>
    public bool IsProspect { get; set; }
    /// <summary>
    /// Campaign-attributable orders added on top of the BG/NBD purchases (see DemoTruth "campaigns");
    /// subtract them to score a lifetime model against the pure BG/NBD process.
    /// </summary>
    public int ExtraOrders { get; set; }
}

/// <summary>Which true person is behind each demo source identity (for scoring identity resolution).</summary>
public sealed class DemoIdentityTruth
{
    public long SourceIdentityId { get; set; }
    public int PersonId { get; set; }
}
