using System.Data;
using System.Globalization;

namespace Dashboard.Data.Import;

/// <summary>
/// customers files: one row per source identity. A new identity gets a new customer of its own; identity
/// resolution merges profiles later and finds this run's new identities by their ImportRunId.
/// </summary>
internal sealed class CustomerWriter : RowWriter
{
    private const int Source = 0, SourceId = 1, Name = 2, Phone = 3, Email = 4, MemberNo = 5, Gender = 6, BirthYear = 7,
        City = 8, CityTier = 9, FirstSeen = 10, ConsentSms = 11, ConsentEmail = 12, ConsentPush = 13, ConsentAds = 14;

    private readonly SqlStatement _find;
    private readonly InsertStatement _insertCustomer;
    private readonly SqlStatement _insertIdentity;

    public CustomerWriter(ImportSession session) : base(session)
    {
        _find = Prepare("""
            SELECT i."ImportRunId", i."Phone", i."Email", i."MemberNo", i."FirstSeenUtc",
                   (SELECT COUNT(*) FROM "SourceIdentities" x WHERE x."CustomerId" = i."CustomerId"),
                   c."Name", c."Gender", c."BirthYear", c."City", c."CityTier",
                   c."ConsentSms", c."ConsentEmail", c."ConsentPush", c."ConsentAds"
            FROM "SourceIdentities" i JOIN "Customers" c ON c."Id" = i."CustomerId"
            WHERE i."SourceId" = @source AND i."ExternalId" = @external
            """, ("@source", DbType.Int32), ("@external", DbType.String));
        _insertCustomer = PrepareInsert("""
            INSERT INTO "Customers" ("Name", "Gender", "BirthYear", "City", "CityTier", "FirstSeenUtc", "AcquisitionSourceId",
                                     "ConsentSms", "ConsentEmail", "ConsentPush", "ConsentAds", "OrderCount", "Revenue", "IdentityCount")
            VALUES (@name, @gender, @birthYear, @city, @cityTier, @firstSeen, @source, @sms, @email, @push, @ads, 0, 0, 0)
            """, "Id",
            ("@name", DbType.String), ("@gender", DbType.String), ("@birthYear", DbType.Int32), ("@city", DbType.String),
            ("@cityTier", DbType.Int32), ("@firstSeen", DbType.DateTime), ("@source", DbType.Int32), ("@sms", DbType.Boolean),
            ("@email", DbType.Boolean), ("@push", DbType.Boolean), ("@ads", DbType.Boolean));
        _insertIdentity = Prepare("""
            INSERT INTO "SourceIdentities" ("SourceId", "ExternalId", "Phone", "Email", "MemberNo", "CustomerId", "FirstSeenUtc", "ImportRunId")
            VALUES (@source, @external, @phone, @email, @memberNo, @customer, @firstSeen, @run)
            """,
            ("@source", DbType.Int32), ("@external", DbType.String), ("@phone", DbType.String), ("@email", DbType.String),
            ("@memberNo", DbType.String), ("@customer", DbType.Int64), ("@firstSeen", DbType.DateTime), ("@run", DbType.Int64));
    }

    public override string? Summary => Inserted > 0 ? $"{Inserted} new source identities, each with a new customer (ImportRunId marks them for identity resolution)" : null;

    public override void Write(ImportRow row)
    {
        var sourceId = Session.Codes.Source(row, Source);
        var externalId = row.Required(SourceId, 100);
        var file = new Values(
            row.Text(Phone, 40), row.Text(Email, 200), row.Text(MemberNo, 60), row.Date(FirstSeen, required: true) ?? default,
            row.Text(Name, 100), ParseGender(row), row.Whole(BirthYear, false, 1900, Session.CurrentYear), row.Text(City, 60),
            row.Whole(CityTier, false, 1, 5), row.Flag(ConsentSms), row.Flag(ConsentEmail), row.Flag(ConsentPush), row.Flag(ConsentAds));
        if (row.HasProblems || sourceId is null)
        {
            return;
        }

        using (var reader = _find.Bind(sourceId.Value, externalId).ReadOne())
        {
            if (reader.Read())
            {
                if (!reader.IsDBNull(0) && reader.GetInt64(0) == Session.RunId)
                {
                    row.Problem(SourceId, $"duplicate customer: {row.Raw(Source).Trim()}/{externalId} appears more than once in this file");
                    return;
                }
                var stored = new Values(
                    NullableString(reader, 1), NullableString(reader, 2), NullableString(reader, 3), reader.GetDateTime(4),
                    NullableString(reader, 6), NullableString(reader, 7), reader.IsDBNull(8) ? null : reader.GetInt32(8),
                    NullableString(reader, 9), reader.IsDBNull(10) ? null : reader.GetInt32(10),
                    reader.GetBoolean(11), reader.GetBoolean(12), reader.GetBoolean(13), reader.GetBoolean(14));
                // Once identity resolution has merged this identity into a profile with other identities, the
                // profile's attributes belong to that profile; only the identity's own fields are compared then.
                var merged = reader.GetInt64(5) > 1;
                Compare(row, $"{row.Raw(Source).Trim()}/{externalId}", stored, file, merged);
                return;
            }
        }

        var customerId = _insertCustomer.Bind(file.Name, file.Gender, file.BirthYear, file.City, file.CityTier, file.FirstSeen,
            sourceId.Value, file.Sms, file.EmailConsent, file.Push, file.Ads).Execute()!.Value;
        _insertIdentity.Bind(sourceId.Value, externalId, file.Phone, file.Email, file.MemberNo, customerId, file.FirstSeen, Session.RunId).Execute();
        Inserted++;
    }

    private void Compare(ImportRow row, string key, Values stored, Values file, bool merged)
    {
        var differences = new List<(int Column, string Stored, string File)>();
        void Check<T>(int column, T a, T b)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b))
            {
                differences.Add((column, Show(a), Show(b)));
            }
        }
        Check(Phone, stored.Phone, file.Phone);
        Check(Email, stored.Email, file.Email);
        Check(MemberNo, stored.MemberNo, file.MemberNo);
        Check(FirstSeen, stored.FirstSeen.Ticks, file.FirstSeen.Ticks);
        if (!merged)
        {
            Check(Name, stored.Name, file.Name);
            Check(Gender, stored.Gender, file.Gender);
            Check(BirthYear, stored.BirthYear, file.BirthYear);
            Check(City, stored.City, file.City);
            Check(CityTier, stored.CityTier, file.CityTier);
            Check(ConsentSms, stored.Sms, file.Sms);
            Check(ConsentEmail, stored.EmailConsent, file.EmailConsent);
            Check(ConsentPush, stored.Push, file.Push);
            Check(ConsentAds, stored.Ads, file.Ads);
        }
        if (differences.Count == 0)
        {
            Unchanged++;
            return;
        }
        var detail = string.Join("; ", differences.Select(d => d.Column == FirstSeen
            ? $"first_seen {stored.FirstSeen:yyyy-MM-ddTHH:mm:ssZ} stored, {file.FirstSeen:yyyy-MM-ddTHH:mm:ssZ} in the file"
            : $"{row.Columns[d.Column]} {d.Stored} stored, {d.File} in the file"));
        row.Problem(differences[0].Column, $"customer {key} is already stored with different values ({detail}); changing stored rows by import is not supported");
    }

    private static string Show<T>(T value) => value switch
    {
        null => "(empty)",
        string s => $"'{ImportRow.Clip(s)}'",
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string? ParseGender(ImportRow row)
    {
        var text = row.Text(Gender, 10);
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "f" or "female" or "女":
                return "F";
            case "m" or "male" or "男":
                return "M";
            default:
                row.Problem(Gender, $"'{text}' is not a gender: use F, M or leave it empty");
                return null;
        }
    }

    private static string? NullableString(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private sealed record Values(
        string? Phone, string? Email, string? MemberNo, DateTime FirstSeen, string? Name, string? Gender, int? BirthYear,
        string? City, int? CityTier, bool Sms, bool EmailConsent, bool Push, bool Ads);
}
