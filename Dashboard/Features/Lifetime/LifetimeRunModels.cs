using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Domain.Lifetime;
using Dashboard.Jobs;

namespace Dashboard.Features.Lifetime;

/// <summary>
/// Settings of a "lifetime" model run (ModelRun.ParametersJson). Every field is optional; defaults give a run on
/// all the data with a 12-month, 10%-a-year, revenue (100% margin) CLV.
/// </summary>
/// <param name="CalibrationEnd">Last day the models see; default: the last order day, or that minus <paramref name="HoldoutWeeks"/>.</param>
/// <param name="HoldoutWeeks">Validate on the last N weeks of data (0 = no holdout validation). Ignored when a calibration end is given.</param>
/// <param name="Period">"weeks" (default) or "days": the time unit of x, t_x, T and of α.</param>
/// <param name="HorizonMonths">Horizon of the stored expected purchases and CLV (1 to <see cref="LifetimeRunParameters.MaxHorizonMonths"/>).</param>
/// <param name="AnnualDiscountRate">Annual discount rate as a fraction (0.10 = 10%).</param>
/// <param name="MarginPercent">Profit margin in percent of revenue (100 = value in revenue).</param>
/// <param name="Penalizer">Optional L2 penalty on the parameters (0 = plain maximum likelihood).</param>
public sealed record LifetimeRunParameters(
    DateOnly? CalibrationEnd = null,
    int HoldoutWeeks = 0,
    string Period = "weeks",
    int HorizonMonths = 12,
    double AnnualDiscountRate = 0.10,
    double MarginPercent = 100,
    double Penalizer = 0)
{
    /// <summary>Longest horizon stored curves cover; the page's controls stay within it.</summary>
    public const int MaxHorizonMonths = 36;

    /// <summary>Reads parameters from JSON (null or empty = defaults); a bad value is a user-facing error.</summary>
    public static LifetimeRunParameters Parse(string? json)
    {
        LifetimeRunParameters? parameters;
        try
        {
            parameters = string.IsNullOrWhiteSpace(json) ? new() : JsonSerializer.Deserialize<LifetimeRunParameters>(json, LifetimeJson.Options);
        }
        catch (JsonException ex)
        {
            throw new ModelJobException($"The run's parameters are not valid JSON: {ex.Message}");
        }
        parameters ??= new();
        parameters.Validate();
        return parameters;
    }

    public PeriodUnit Unit => Period.ToLowerInvariant() switch
    {
        "weeks" => PeriodUnit.Weeks,
        "days" => PeriodUnit.Days,
        _ => throw new ModelJobException($"Unknown period '{Period}': use \"weeks\" or \"days\"."),
    };

    public ClvSettings Clv => new(HorizonMonths, AnnualDiscountRate, MarginPercent / 100);

    public string ToJson() => JsonSerializer.Serialize(this, LifetimeJson.Options);

    private void Validate()
    {
        _ = Unit;
        if (HorizonMonths is < 1 or > MaxHorizonMonths)
        {
            throw new ModelJobException($"The horizon must be 1 to {MaxHorizonMonths} months (got {HorizonMonths}).");
        }
        if (HoldoutWeeks is < 0 or > 520)
        {
            throw new ModelJobException($"The holdout must be 0 to 520 weeks (got {HoldoutWeeks}).");
        }
        if (!(AnnualDiscountRate is > -1 and <= 10))
        {
            throw new ModelJobException($"The annual discount rate must be a fraction above −1 (0.10 = 10%); got {AnnualDiscountRate}.");
        }
        if (!(MarginPercent is >= 0 and <= 100))
        {
            throw new ModelJobException($"The margin must be 0 to 100 percent (got {MarginPercent}).");
        }
        if (!(Penalizer >= 0) || !double.IsFinite(Penalizer))
        {
            throw new ModelJobException($"The penalizer must be a number >= 0 (got {Penalizer}).");
        }
    }
}

/// <summary>What a "lifetime" run stores in ModelRun.ResultJson: the fit, the data window, timings and the holdout check.</summary>
public sealed record LifetimeRunSummary(
    int Customers,
    int RepeatCustomers,
    string Period,
    DateOnly DataFrom,
    DateOnly DataTo,
    int HorizonMonths,
    double AnnualDiscountRate,
    double MarginPercent,
    BgNbdSummary Bgnbd,
    GammaGammaSummary GammaGamma,
    double FitSeconds,
    LifetimeStageSeconds Seconds,
    int CurveMonths,
    int DistinctCurves,
    double ExpectedAlive,
    double TotalClv,
    HoldoutSummary? Holdout)
{
    public static LifetimeRunSummary Parse(string json) =>
        JsonSerializer.Deserialize<LifetimeRunSummary>(json, LifetimeJson.Options)
        ?? throw new JsonException("The lifetime run summary is empty.");

    public string ToJson() => JsonSerializer.Serialize(this, LifetimeJson.Options);
}

/// <summary>BG/NBD parameters: r, α (in the run's period unit), a, b, and the log-likelihood.</summary>
public sealed record BgNbdSummary(double R, double Alpha, double A, double B, double LogLikelihood)
{
    public static BgNbdSummary From(BgNbdFit fit) =>
        new(fit.Parameters.R, fit.Parameters.Alpha, fit.Parameters.A, fit.Parameters.B, fit.LogLikelihood);

    [JsonIgnore]
    public BgNbdParameters Parameters => new(R, Alpha, A, B);
}

/// <summary>Gamma-Gamma parameters p, q, v (γ) and the repeat customers they were fitted on.</summary>
public sealed record GammaGammaSummary(double P, double Q, double V, double LogLikelihood, int Customers)
{
    public static GammaGammaSummary From(GammaGammaFit fit) =>
        new(fit.Parameters.P, fit.Parameters.Q, fit.Parameters.V, fit.LogLikelihood, fit.Customers);

    [JsonIgnore]
    public GammaGammaParameters Parameters => new(P, Q, V);
}

/// <summary>Seconds spent in each stage of the run.</summary>
public sealed record LifetimeStageSeconds(double Summaries, double FitBgNbd, double FitGammaGamma, double Holdout, double Scoring, double Writing, double Total);

/// <summary>The holdout check: a fit on the calibration period and its forecast of the holdout weeks vs what happened.</summary>
public sealed record HoldoutSummary(
    DateOnly CalibrationEnd,
    DateOnly ObservationEnd,
    double Periods,
    int Customers,
    BgNbdSummary Bgnbd,
    double Actual,
    double Predicted,
    double Naive,
    double ModelMae,
    double NaiveMae,
    double ModelRmse,
    double NaiveRmse,
    IReadOnlyList<FrequencyBin> ByFrequency,
    IReadOnlyList<WeeklyCumulative> Weekly)
{
    public static HoldoutSummary From(HoldoutComparison c, DateOnly calibrationEnd, DateOnly observationEnd, BgNbdFit fit) => new(
        calibrationEnd, observationEnd, c.HoldoutPeriods, c.Customers, BgNbdSummary.From(fit), c.Actual, c.Predicted, c.Naive,
        c.ModelMae, c.NaiveMae, c.ModelRmse, c.NaiveRmse, c.ByFrequency, c.Weekly);
}

internal static class LifetimeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
