using System.Globalization;

namespace Dashboard.Domain.Identity;

/// <summary>Generated source records with the true person behind each (PersonOf[i] for Records[i]).</summary>
public sealed record SyntheticIdentitySet(IReadOnlyList<IdentityRecord> Records, IReadOnlyList<int> PersonOf, int Persons);

/// <summary>
/// Synthetic source records for benchmarks and property tests: persons with 1–3 records each (45 %,
/// 35 %, 20 %), each record carrying some of its person's identifiers in the many ways sources write
/// them, plus the noise real data has. A person has a mobile (95 %), an email (55 %) and a member number
/// (35 %); a record carries each with probability 85 %, 50 % and 50 % (at least one of them). Noise:
/// 2 % anonymous records (no identifier), 1 % mistyped phones, 0.5 % of persons sharing a household
/// phone with another person, 0.5 % placeholder phones (13800000000, 00000000000...), 0.5 % front-desk
/// phones (one per 20,000 records), 0.5 % placeholder emails (test@test.com, "n/a"). Deterministic for a seed.
/// </summary>
public static class SyntheticIdentities
{
    private static readonly string[] EmailDomains = ["qq.com", "163.com", "126.com", "gmail.com", "sina.com", "outlook.com"];
    private static readonly string[] JunkPhones = ["13800000000", "138 0000 0000", "00000000000", "13888888888"];
    private static readonly string[] JunkEmails = ["test@test.com", "TEST@test.com", "none@none.com", "n/a"];

    /// <summary>Generates exactly <paramref name="records"/> records (the last person may get fewer than drawn).</summary>
    public static SyntheticIdentitySet Generate(int records, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        var random = new Random(seed);
        var frontDesks = Enumerable.Range(0, Math.Max(1, records / 20_000))
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"021-6{random.Next(1_000_000, 9_999_999)}"))
            .ToArray();
        var list = new List<IdentityRecord>(records);
        var personOf = new List<int>(records);
        var person = 0;
        string? previousPhone = null;
        while (list.Count < records)
        {
            var draw = random.NextDouble();
            var count = draw < 0.45 ? 1 : draw < 0.80 ? 2 : 3;
            // 0.5 % of persons live in a household whose phone another person already uses.
            var phone = previousPhone is not null && random.NextDouble() < 0.005 ? previousPhone
                : random.NextDouble() < 0.95 ? Mobile(person, random) : null;
            var email = random.NextDouble() < 0.55 ? Email(person, random) : null;
            var member = random.NextDouble() < 0.35 ? string.Create(CultureInfo.InvariantCulture, $"M{person + 100_000:D9}") : null;
            for (var r = 0; r < count && list.Count < records; r++)
            {
                list.Add(Record(list.Count + 1, phone, email, member, random, frontDesks));
                personOf.Add(person);
            }
            previousPhone = phone ?? previousPhone;
            person++;
        }
        return new SyntheticIdentitySet(list, personOf, person);
    }

    private static IdentityRecord Record(long id, string? phone, string? email, string? member, Random random, string[] frontDesks)
    {
        if (random.NextDouble() < 0.02)
        {
            return new IdentityRecord(id); // an anonymous record: the source kept no identifier
        }
        var p = phone is not null && random.NextDouble() < 0.85 ? FormatPhone(phone, random) : null;
        var e = email is not null && random.NextDouble() < 0.5 ? FormatEmail(email, random) : null;
        var m = member is not null && random.NextDouble() < 0.5 ? FormatMember(member, random) : null;
        if (p is null && e is null && m is null)
        {
            // Sources keep at least one identifier for nearly every buyer: fall back to the best one the person has.
            p = phone is not null ? FormatPhone(phone, random) : null;
            e = p is null && email is not null ? FormatEmail(email, random) : null;
            m = p is null && e is null ? member : null;
        }
        var noise = random.NextDouble();
        if (noise < 0.01 && p is not null)
        {
            p = Mistype(phone!, random);
        }
        else if (noise < 0.015)
        {
            p = JunkPhones[random.Next(JunkPhones.Length)];
        }
        else if (noise < 0.02)
        {
            p = frontDesks[random.Next(frontDesks.Length)];
        }
        else if (noise < 0.025)
        {
            e = JunkEmails[random.Next(JunkEmails.Length)];
        }
        return new IdentityRecord(id, p, e, m);
    }

    // Unique per person: the 9 trailing digits are person * 387420489 (coprime to 10^9) + offset, mod 10^9.
    private static string Mobile(int person, Random random)
    {
        var tail = ((person * 387_420_489L) + 123_456_789L) % 1_000_000_000L;
        return string.Create(CultureInfo.InvariantCulture, $"1{random.Next(3, 10)}{tail:D9}");
    }

    private static string Email(int person, Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"user{person}@{EmailDomains[random.Next(EmailDomains.Length)]}");

    private static string FormatPhone(string mobile, Random random) => random.Next(8) switch
    {
        0 => mobile,
        1 => $"{mobile[..3]} {mobile[3..7]} {mobile[7..]}",
        2 => $"{mobile[..3]}-{mobile[3..7]}-{mobile[7..]}",
        3 => $"+86 {mobile[..3]} {mobile[3..7]} {mobile[7..]}",
        4 => "+86" + mobile,
        5 => $"0086-{mobile[..3]}-{mobile[3..7]}-{mobile[7..]}",
        6 => "86" + mobile,
        _ => $"(+86) {mobile[..3]}.{mobile[3..7]}.{mobile[7..]}",
    };

    private static string FormatEmail(string email, Random random) => random.Next(4) switch
    {
        0 => email,
        1 => email.ToUpperInvariant(),
        2 => " " + email + " ",
        _ => char.ToUpperInvariant(email[0]) + email[1..],
    };

    private static string FormatMember(string member, Random random) => random.Next(3) switch
    {
        0 => member,
        1 => member.ToLowerInvariant(),
        _ => " " + member + " ",
    };

    private static string Mistype(string mobile, Random random)
    {
        var chars = mobile.ToCharArray();
        var at = random.Next(3, chars.Length);
        chars[at] = (char)('0' + ((chars[at] - '0' + random.Next(1, 10)) % 10));
        return new string(chars);
    }
}
