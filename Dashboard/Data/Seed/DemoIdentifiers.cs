using System.Globalization;

namespace Dashboard.Data.Seed;

/// <summary>
/// Phone numbers, e-mail addresses, member numbers and per-source ids for demo identities. A person's
/// true identifiers are unique (bijections of the person id), then written the way each source
/// happens to store them, so identity resolution has to normalise before it matches.
/// </summary>
internal static class DemoIdentifiers
{
    /// <summary>The store front-desk phone that cashiers type in for customers who give none.</summary>
    public const string JunkPhone = "13800000000";

    public const string JunkEmail = "test@test.com";

    public const string JunkMemberNo = "0000";

    // Primary and secondary phones use disjoint mobile prefixes, so the two never collide.
    private static readonly string[] PrimaryPrefixes =
        ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157", "158", "159",
            "180", "181", "182", "183", "185", "186", "187", "188", "189"];

    private static readonly string[] SecondaryPrefixes = ["166", "173", "175", "176", "177", "178", "191", "195", "198", "199"];

    private static readonly (string Domain, double Weight)[] EmailDomains =
        [("qq.com", 0.45), ("163.com", 0.18), ("126.com", 0.08), ("foxmail.com", 0.06), ("sina.com", 0.05),
            ("outlook.com", 0.08), ("gmail.com", 0.06), ("icloud.com", 0.04)];

    private static readonly double[] EmailDomainWeights = EmailDomains.Select(d => d.Weight).ToArray();

    private const long PhoneSpace = 100_000_000;
    private const long EmailSpace = 900_000_000;
    private const long MemberSpace = 1_000_000_000;
    private const long IdSpace = 10_000_000_000;

    /// <summary>The person's main mobile number, 11 digits, unique per person id (below 10^8 persons).</summary>
    public static string PrimaryPhone(Random rng, int personId, int brandSeed)
    {
        var suffix = DemoRandom.Permute(personId, PhoneSpace, 48_271, SeedOffset(brandSeed, PhoneSpace));
        var prefix = PrimaryPrefixes[rng.Next(PrimaryPrefixes.Length)];
        var phone = prefix + suffix.ToString("D8", CultureInfo.InvariantCulture);
        return phone == JunkPhone ? "139" + suffix.ToString("D8", CultureInfo.InvariantCulture) : phone;
    }

    /// <summary>A second number (a work phone, a changed number) used in one of the person's sources.</summary>
    public static string SecondaryPhone(Random rng, int personId, int brandSeed)
    {
        var suffix = DemoRandom.Permute(personId, PhoneSpace, 69_621, SeedOffset(brandSeed, PhoneSpace) + 7);
        return SecondaryPrefixes[rng.Next(SecondaryPrefixes.Length)] + suffix.ToString("D8", CultureInfo.InvariantCulture);
    }

    /// <summary>The person's e-mail; QQ mail addresses are numeric, others use the pinyin name and a unique number.</summary>
    public static string PrimaryEmail(Random rng, int personId, int brandSeed, string pinyin)
    {
        var number = DemoRandom.Permute(personId, EmailSpace, 104_729, SeedOffset(brandSeed, EmailSpace));
        var domain = EmailDomains[DemoRandom.Pick(rng, EmailDomainWeights)].Domain;
        return domain == "qq.com"
            ? string.Create(CultureInfo.InvariantCulture, $"{100_000_000 + number}@qq.com")
            : string.Create(CultureInfo.InvariantCulture, $"{pinyin}{number}@{domain}");
    }

    /// <summary>A second address (work mail); its "_" separator keeps it apart from every primary address.</summary>
    public static string SecondaryEmail(int personId, int brandSeed, string pinyin)
    {
        var number = DemoRandom.Permute(personId, EmailSpace, 130_363, SeedOffset(brandSeed, EmailSpace) + 11);
        return string.Create(CultureInfo.InvariantCulture, $"{pinyin.Replace('.', '_')}{number}@corp-mail.cn");
    }

    public static string MemberNo(int personId, int brandSeed) =>
        "M" + DemoRandom.Permute(personId, MemberSpace, 2_147_483_629, SeedOffset(brandSeed, MemberSpace))
            .ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>A phone as one source stores it: "13800138000", "+86 138 0013 8000", "0086-13800138000", ...</summary>
    public static string FormatPhone(Random rng, string digits) => rng.Next(6) switch
    {
        0 => digits,
        1 => $"+86 {digits[..3]} {digits[3..7]} {digits[7..]}",
        2 => "0086-" + digits,
        3 => $"{digits[..3]}-{digits[3..7]}-{digits[7..]}",
        4 => "+86" + digits,
        _ => $"{digits[..3]} {digits[3..7]} {digits[7..]}",
    };

    /// <summary>An e-mail as typed into a form: different case, stray spaces.</summary>
    public static string FormatEmail(Random rng, string email) => rng.Next(5) switch
    {
        0 or 1 => email,
        2 => char.ToUpperInvariant(email[0]) + email[1..],
        3 => " " + email + " ",
        _ => email.ToUpperInvariant(),
    };

    public static string FormatMemberNo(Random rng, string memberNo) => rng.Next(4) switch
    {
        0 or 1 => memberNo,
        2 => memberNo.ToLowerInvariant(),
        _ => " " + memberNo,
    };

    /// <summary>The id a source gives the identity, unique within the source (a bijection of the identity id).</summary>
    public static string ExternalId(int sourceId, long identityId, string? smsPhone)
    {
        var n = DemoRandom.Permute(identityId, IdSpace, 2_654_435_761, 1_234_567);
        return sourceId switch
        {
            DemoSources.Tmall => "tb" + n.ToString("D10", CultureInfo.InvariantCulture),
            DemoSources.Jd => "jd_" + (n % 1_000_000_000).ToString("x8", CultureInfo.InvariantCulture) + (n / 1_000_000_000).ToString(CultureInfo.InvariantCulture),
            DemoSources.Douyin => "dy" + n.ToString("D11", CultureInfo.InvariantCulture),
            DemoSources.WeChat => "oWx" + n.ToString("x10", CultureInfo.InvariantCulture),
            DemoSources.App => "U" + n.ToString("D10", CultureInfo.InvariantCulture),
            DemoSources.Web => "W" + n.ToString("D10", CultureInfo.InvariantCulture),
            DemoSources.Offline => "POS" + n.ToString("D10", CultureInfo.InvariantCulture),
            // An SMS gateway knows the person by the number itself (E.164).
            _ => "+86" + smsPhone,
        };
    }

    private static long SeedOffset(int brandSeed, long space) =>
        DemoRandom.Permute((uint)brandSeed, space, 16_807, 12_345);
}
