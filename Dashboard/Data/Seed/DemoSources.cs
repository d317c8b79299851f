using Dashboard.Data.Entities;

namespace Dashboard.Data.Seed;

/// <summary>
/// How each reference source (ids as in ReferenceData) behaves in the demo brand: how often people
/// are acquired or present there, which identifiers it records, and which touchpoints happen on it.
/// </summary>
internal static class DemoSources
{
    public const int Tmall = 1;
    public const int Jd = 2;
    public const int Douyin = 3;
    public const int WeChat = 4;
    public const int App = 5;
    public const int Web = 6;
    public const int Offline = 7;
    public const int Sms = 8;

    public const int Count = 8;

    public static readonly string[] Codes = ["", "tmall", "jd", "douyin", "wechat", "app", "web", "offline", "sms"];

    public static bool Sells(int sourceId) => sourceId != Sms;

    /// <summary>
    /// Identifier rates per source: the share of identities there that carry a phone, an e-mail, a member
    /// number, and the share whose phone / e-mail / member number is a shared junk value instead.
    /// </summary>
    public sealed record Profile(
        int SourceId,
        double AcquisitionWeight,
        double PresenceWeight,
        double ProspectWeight,
        double PhoneRate,
        double EmailRate,
        double MemberRate,
        double JunkPhoneRate,
        double JunkEmailRate,
        double JunkMemberRate,
        double[] TouchWeights);

    // Indexed by source id (slot 0 unused). Touch weights: Impression, Click, Visit, MessageSent, AddToCart
    // (a MessageOpened follows some sends).
    public static readonly Profile[] Profiles =
    [
        null!,
        new(Tmall, 0.34, 0.20, 0.22, 0.70, 0.04, 0.35, 0.010, 0.00, 0.00, [0.35, 0.20, 0.30, 0.00, 0.15]),
        new(Jd, 0.16, 0.12, 0.10, 0.75, 0.10, 0.15, 0.010, 0.00, 0.00, [0.35, 0.20, 0.30, 0.00, 0.15]),
        new(Douyin, 0.18, 0.14, 0.30, 0.70, 0.00, 0.15, 0.010, 0.00, 0.00, [0.50, 0.20, 0.20, 0.00, 0.10]),
        new(WeChat, 0.14, 0.16, 0.20, 0.70, 0.05, 0.60, 0.000, 0.00, 0.00, [0.30, 0.15, 0.35, 0.15, 0.05]),
        new(App, 0.06, 0.40, 0.08, 0.85, 0.30, 0.90, 0.000, 0.00, 0.00, [0.00, 0.10, 0.50, 0.28, 0.12]),
        new(Web, 0.04, 0.06, 0.10, 0.50, 0.80, 0.50, 0.000, 0.04, 0.00, [0.10, 0.20, 0.55, 0.00, 0.15]),
        new(Offline, 0.08, 0.08, 0.00, 0.90, 0.05, 0.70, 0.120, 0.00, 0.06, [0.00, 0.00, 1.00, 0.00, 0.00]),
        new(Sms, 0.00, 0.60, 0.00, 1.00, 0.00, 0.00, 0.000, 0.00, 0.00, [0.00, 0.10, 0.00, 0.90, 0.00]),
    ];

    /// <summary>
    /// Per source id: the chance that the source knows each of the person's attributes (name, city from the
    /// shipping address or member form; gender and birth year somewhat less often); SMS knows only the number.
    /// </summary>
    public static readonly double[] DemographicsRate = [0, 0.8, 0.8, 0.6, 0.7, 0.9, 0.6, 0.8, 0];

    public static readonly TouchpointType[] TouchTypes =
        [TouchpointType.Impression, TouchpointType.Click, TouchpointType.Visit, TouchpointType.MessageSent, TouchpointType.AddToCart];

    /// <summary>Share of sent messages that are opened (SMS opens are not observable).</summary>
    public static double OpenRate(int sourceId) => sourceId switch
    {
        App => 0.18,
        WeChat => 0.35,
        _ => 0.0,
    };
}
