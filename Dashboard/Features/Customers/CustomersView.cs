namespace Dashboard.Features.Customers;

/// <summary>The identifier a search matched: its kind ("phone", "email", "member_no", "source_id"), masked value and source (for source ids).</summary>
public sealed record IdentifierMatch(string Kind, string Masked, string? Source = null);

/// <summary>One row of the customer list. <paramref name="Match"/> is the identifier a search matched, masked (138****8000).</summary>
public sealed record CustomerRow(
    long Id,
    string? Name,
    string? City,
    int? CityTier,
    DateTime FirstSeenUtc,
    DateTime? LastOrderUtc,
    int Orders,
    double Revenue,
    IReadOnlyList<string> Sources,
    IdentifierMatch? Match);

/// <summary>
/// A page of the customer list. <paramref name="Total"/> is exact unless <paramref name="TotalIsLowerBound"/>: counting a
/// filtered million-row result stops at <see cref="CustomerListService.CountCap"/> rows (the list says "more than").
/// </summary>
public sealed record CustomerListPage(IReadOnlyList<CustomerRow> Rows, int Total, bool TotalIsLowerBound);

/// <summary>A source for the filter menu.</summary>
public sealed record SourceOption(string Code, string Name);

/// <summary>An identifier blocked from merging (Data page review), its value masked.</summary>
public sealed record BlockedIdentifierRow(string Kind, string MaskedValue, int Records, string Reason, DateTime UpdatedUtc);

/// <summary>Everything the single customer view shows (timeline and charts load separately).</summary>
public sealed record CustomerView(
    CustomerProfile Profile,
    IReadOnlyList<IdentityRow> Identities,
    CustomerKpis Kpis,
    IReadOnlyList<PreferenceSlice> Categories,
    IReadOnlyList<ChannelPreference> Channels,
    IReadOnlyList<SplitRecord> Splits)
{
    /// <summary>The latest segment snapshot of the customer; null when the segments model has not covered them.</summary>
    public CustomerSegmentView? Segments { get; init; }

    /// <summary>Whether the latest lifetime run has a forecast for the customer (its panel is shown only then).</summary>
    public bool HasLifetime { get; init; }
}

public sealed record CustomerProfile(
    long Id,
    string? Name,
    string? Gender,
    int? BirthYear,
    string? City,
    int? CityTier,
    DateTime FirstSeenUtc,
    string? AcquisitionSource,
    bool ConsentSms,
    bool ConsentEmail,
    bool ConsentPush,
    bool ConsentAds,
    IReadOnlyList<string> Sources);

/// <summary>
/// A source identity of the customer with its identifiers masked, and why it is in the profile: linked to
/// <paramref name="LinkedToId"/> (shown as <paramref name="LinkedToLabel"/>) by the identifier <paramref name="LinkedByKind"/> <paramref name="LinkedByValue"/> (masked: 138****8000).
/// The oldest identity (the anchor) has no link.
/// </summary>
public sealed record IdentityRow(
    long Id,
    string SourceCode,
    string SourceName,
    string ExternalId,
    string? Phone,
    string? Email,
    string? MemberNo,
    DateTime FirstSeenUtc,
    long? LinkedToId,
    string? LinkedToLabel,
    string? LinkedByKind,
    string? LinkedByValue);

/// <summary>Order KPIs; <paramref name="MeanInterPurchaseDays"/> = (last − first) / (orders − 1), null below two orders.</summary>
public sealed record CustomerKpis(int Orders, double Revenue, double? AverageOrderValue, DateTime? FirstOrderUtc, DateTime? LastOrderUtc, double? MeanInterPurchaseDays);

/// <summary>Spend in one product category (sum of line amounts).</summary>
public sealed record PreferenceSlice(string Label, double Revenue, int Items);

/// <summary>Orders, revenue and touchpoints through one source.</summary>
public sealed record ChannelPreference(string Source, int Orders, double Revenue, int Touchpoints);

/// <summary>A split an operator recorded on this profile.</summary>
public sealed record SplitRecord(DateTime CreatedUtc, string CreatedBy, string? Reason, int IdentitiesSplitOff);

/// <summary>One entry of the cross-channel timeline: an order or a touchpoint.</summary>
public sealed record TimelineEntry(DateTime AtUtc, string Type, string SourceCode, string SourceName, string? Detail, double? Amount);

public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Entries, int Total);

/// <summary>An operator's request to split identities off a profile.</summary>
public sealed record SplitRequest(IReadOnlyList<long> IdentityIds, string? Reason);

/// <summary>
/// The customer's row in the latest segment snapshot (Segments capability): RFM segment and scores, value tier, lifecycle
/// stage and, when a lifetime model had run, VAP cell and strategy, P(alive) and predicted CLV. Null parts were not computed.
/// </summary>
public sealed record CustomerSegmentView(
    DateOnly PeriodEnd,
    Domain.Segmentation.RfmSegment? Segment,
    string? Rfm,
    string? Tier,
    Domain.Segmentation.LifecycleStage? Stage,
    string? VapCell,
    Domain.Segmentation.VapStrategy? Strategy,
    double? PAlive,
    double? PredictedClv);

/// <summary>An identity's phone and e-mail in clear, shown after an audited "show" by a role with the right.</summary>
public sealed record RevealedIdentifiers(string? Phone, string? Email);
