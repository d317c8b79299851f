namespace Dashboard.Data.Entities;

/// <summary>
/// A profile a "lookalike" model run ranked among the most similar to its seed. Only the top 20% of the pool (the
/// largest expansion offered) is stored per run: the expansion control never reaches further, and the trade-off curve
/// for 1–20% is kept in the run's result JSON. Rank 1 is the most similar profile (ties by customer id).
/// </summary>
public sealed class LookalikeCandidate
{
    public long ModelRunId { get; set; }
    /// <summary>1-based position in the ranked pool.</summary>
    public int Rank { get; set; }
    public long CustomerId { get; set; }
    /// <summary>The model's calibrated probability of "seed member" (0 to 1).</summary>
    public double Score { get; set; }
}

/// <summary>One of a customer's next best products from a "recommendations" model run (top 10 per customer).</summary>
public sealed class CustomerRecommendation
{
    public long ModelRunId { get; set; }
    public long CustomerId { get; set; }
    /// <summary>1 = best.</summary>
    public int Rank { get; set; }
    public int ProductId { get; set; }
    /// <summary>Sum of recency-weighted similarities (plus the replenishment boost); 0 for popularity fill.</summary>
    public double Score { get; set; }
    /// <summary>"Similar", "Replenish" or "Popular" (Domain.Recommendations.RecommendationReason).</summary>
    public required string Reason { get; set; }
}
