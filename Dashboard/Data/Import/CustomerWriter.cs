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

    private readonly CustomerStore _store;

    public CustomerWriter(ImportSession session) : base(session)
    {
        _store = Own(CustomerStore.Create(session));
    }

    public override int BatchRows => _store.BatchRows;

    public override void Prefetch(IReadOnlyList<CsvRecord> batch) => _store.Prefetch(batch, Session.Codes);

    public override void EndOfFile() => _store.Flush();

    public override string? Summary => Inserted > 0 ? $"{Inserted} new source identities, each with a new customer (ImportRunId marks them for identity resolution)" : null;

    public override void Write(ImportRow row)
    {
        var sourceId = Session.Codes.Source(row, Source);
        var externalId = row.Required(SourceId, 100);
        var file = new CustomerValues(
            row.Text(Phone, 40), row.Text(Email, 200), row.Text(MemberNo, 60), row.Date(FirstSeen, required: true) ?? default,
            row.Text(Name, 100), ParseGender(row), row.Whole(BirthYear, false, 1900, Session.CurrentYear), row.Text(City, 60),
            row.Whole(CityTier, false, 1, 5), row.Flag(ConsentSms), row.Flag(ConsentEmail), row.Flag(ConsentPush), row.Flag(ConsentAds));
        if (row.HasProblems || sourceId is null)
        {
            return;
        }

        if (_store.Find(sourceId.Value, externalId) is { } stored)
        {
            if (stored.ImportRunId == Session.RunId)
            {
                row.Problem(SourceId, $"duplicate customer: {row.Raw(Source).Trim()}/{externalId} appears more than once in this file");
                return;
            }
            // Once identity resolution has merged this identity into a profile with other identities, the
            // profile's attributes belong to that profile; only the identity's own fields are compared then.
            Compare(row, $"{row.Raw(Source).Trim()}/{externalId}", stored.Values, file, stored.Merged);
            return;
        }

        _store.Insert(sourceId.Value, externalId, file);
        Inserted++;
    }

    private void Compare(ImportRow row, string key, CustomerValues stored, CustomerValues file, bool merged)
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
}
