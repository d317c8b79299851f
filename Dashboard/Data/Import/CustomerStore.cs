using System.Data;
using System.Data.Common;
using Npgsql;

namespace Dashboard.Data.Import;

/// <summary>The values of one customers row: the identity's own fields, then the profile's.</summary>
internal sealed record CustomerValues(
    string? Phone, string? Email, string? MemberNo, DateTime FirstSeen, string? Name, string? Gender, int? BirthYear,
    string? City, int? CityTier, bool Sms, bool EmailConsent, bool Push, bool Ads);

/// <summary>
/// A stored source identity with its customer's values; <paramref name="Merged"/> when identity resolution has put
/// other identities into the same customer.
/// </summary>
internal sealed record StoredIdentity(long? ImportRunId, CustomerValues Values, bool Merged);

/// <summary>
/// What the customers import reads from and writes to the store; <see cref="CustomerWriter"/> holds the rules. Row by
/// row every call is a statement; on PostgreSQL the batch's identities are loaded in one statement and new customers
/// and identities are written with binary COPY after the batch (<see cref="PostgresBatch"/>).
/// </summary>
internal abstract class CustomerStore : IDisposable
{
    private const string SelectIdentity = """
        SELECT i."ImportRunId", i."Phone", i."Email", i."MemberNo", i."FirstSeenUtc",
               (SELECT COUNT(*) FROM "SourceIdentities" x WHERE x."CustomerId" = i."CustomerId"),
               c."Name", c."Gender", c."BirthYear", c."City", c."CityTier",
               c."ConsentSms", c."ConsentEmail", c."ConsentPush", c."ConsentAds", i."SourceId", i."ExternalId"
        FROM "SourceIdentities" i JOIN "Customers" c ON c."Id" = i."CustomerId"
        """;

    public static CustomerStore Create(ImportSession session) =>
        session.Copy is { } postgres ? new CopyStore(postgres, session.RunId, session.CopyBatchRows) : new RowByRow(session);

    /// <inheritdoc cref="RowWriter.BatchRows"/>
    public virtual int BatchRows => 1;

    /// <inheritdoc cref="RowWriter.Prefetch"/>
    public virtual void Prefetch(IReadOnlyList<CsvRecord> batch, ReferenceCodes codes)
    {
    }

    /// <summary>Writes what is pending (after the last row).</summary>
    public virtual void Flush()
    {
    }

    /// <summary>The stored identity (source, source id) and its customer, or null.</summary>
    public abstract StoredIdentity? Find(int sourceId, string externalId);

    /// <summary>Inserts a new customer with the row's profile and the identity that belongs to it.</summary>
    public abstract void Insert(int sourceId, string externalId, CustomerValues values);

    public abstract void Dispose();

    private static StoredIdentity Read(DbDataReader reader) => new(
        reader.IsDBNull(0) ? null : reader.GetInt64(0),
        new CustomerValues(
            NullableString(reader, 1), NullableString(reader, 2), NullableString(reader, 3), reader.GetDateTime(4),
            NullableString(reader, 6), NullableString(reader, 7), reader.IsDBNull(8) ? null : reader.GetInt32(8),
            NullableString(reader, 9), reader.IsDBNull(10) ? null : reader.GetInt32(10),
            reader.GetBoolean(11), reader.GetBoolean(12), reader.GetBoolean(13), reader.GetBoolean(14)),
        reader.GetInt64(5) > 1);

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private sealed class RowByRow : CustomerStore
    {
        private readonly long _runId;
        private readonly SqlStatement _find;
        private readonly InsertStatement _insertCustomer;
        private readonly SqlStatement _insertIdentity;

        public RowByRow(ImportSession session)
        {
            _runId = session.RunId;
            _find = session.Prepare(SelectIdentity + """ WHERE i."SourceId" = @source AND i."ExternalId" = @external""",
                ("@source", DbType.Int32), ("@external", DbType.String));
            _insertCustomer = new InsertStatement(session.Connection, session.Transaction, session.IsSqlite, """
                INSERT INTO "Customers" ("Name", "Gender", "BirthYear", "City", "CityTier", "FirstSeenUtc", "AcquisitionSourceId",
                                         "ConsentSms", "ConsentEmail", "ConsentPush", "ConsentAds", "OrderCount", "Revenue", "IdentityCount")
                VALUES (@name, @gender, @birthYear, @city, @cityTier, @firstSeen, @source, @sms, @email, @push, @ads, 0, 0, 0)
                """, "Id",
                ("@name", DbType.String), ("@gender", DbType.String), ("@birthYear", DbType.Int32), ("@city", DbType.String),
                ("@cityTier", DbType.Int32), ("@firstSeen", DbType.DateTime), ("@source", DbType.Int32), ("@sms", DbType.Boolean),
                ("@email", DbType.Boolean), ("@push", DbType.Boolean), ("@ads", DbType.Boolean));
            _insertIdentity = session.Prepare("""
                INSERT INTO "SourceIdentities" ("SourceId", "ExternalId", "Phone", "Email", "MemberNo", "CustomerId", "FirstSeenUtc", "ImportRunId")
                VALUES (@source, @external, @phone, @email, @memberNo, @customer, @firstSeen, @run)
                """,
                ("@source", DbType.Int32), ("@external", DbType.String), ("@phone", DbType.String), ("@email", DbType.String),
                ("@memberNo", DbType.String), ("@customer", DbType.Int64), ("@firstSeen", DbType.DateTime), ("@run", DbType.Int64));
        }

        public override StoredIdentity? Find(int sourceId, string externalId)
        {
            using var reader = _find.Bind(sourceId, externalId).ReadOne();
            return reader.Read() ? Read(reader) : null;
        }

        public override void Insert(int sourceId, string externalId, CustomerValues values)
        {
            var customerId = _insertCustomer.Bind(values.Name, values.Gender, values.BirthYear, values.City, values.CityTier, values.FirstSeen,
                sourceId, values.Sms, values.EmailConsent, values.Push, values.Ads).Execute()!.Value;
            _insertIdentity.Bind(sourceId, externalId, values.Phone, values.Email, values.MemberNo, customerId, values.FirstSeen, _runId).Execute();
        }

        public override void Dispose()
        {
            _find.Dispose();
            _insertCustomer.Dispose();
            _insertIdentity.Dispose();
        }
    }

    private sealed class CopyStore(NpgsqlConnection connection, long runId, int batchRows) : CustomerStore
    {
        private const int Source = 0, SourceId = 1;

        private readonly IdBlock _customerIds = new(connection, "Customers");
        private readonly IdBlock _identityIds = new(connection, "SourceIdentities");
        private readonly PostgresCopy _customers = new(connection, "Customers",
            ["Id", "Name", "Gender", "BirthYear", "City", "CityTier", "FirstSeenUtc", "AcquisitionSourceId",
             "ConsentSms", "ConsentEmail", "ConsentPush", "ConsentAds", "OrderCount", "Revenue", "IdentityCount"]);
        private readonly PostgresCopy _identities = new(connection, "SourceIdentities",
            ["Id", "SourceId", "ExternalId", "Phone", "Email", "MemberNo", "CustomerId", "FirstSeenUtc", "ImportRunId"]);

        private readonly KnownRows<(int SourceId, string ExternalId), StoredIdentity> _known = new((keys, found) =>
            PostgresBatch.Read(connection, SelectIdentity + """
                 JOIN unnest($1::integer[], $2::text[]) AS k(s, e) ON i."SourceId" = k.s AND i."ExternalId" = k.e
                """, [keys.Select(k => k.SourceId).ToArray(), keys.Select(k => k.ExternalId).ToArray()],
                r => found((r.GetInt32(15), r.GetString(16)), Read(r))));

        public override int BatchRows => batchRows;

        public override void Prefetch(IReadOnlyList<CsvRecord> batch, ReferenceCodes codes)
        {
            Flush();
            var keys = batch.Where(r => r.Readable)
                .Select(r => (Source: codes.SourceOf(r.Values[Source]), External: r.Trimmed(SourceId)))
                .Where(k => k.Source is not null)
                .Select(k => (k.Source!.Value, k.External))
                .Distinct().ToList();
            _known.Load(keys);
            // Each new identity gets a customer of its own.
            var added = keys.Count(k => _known[k] is null);
            _customerIds.Reserve(added);
            _identityIds.Reserve(added);
        }

        public override void Flush()
        {
            _customers.Flush();
            _identities.Flush();
            _known.Clear();
        }

        public override StoredIdentity? Find(int sourceId, string externalId) => _known[(sourceId, externalId)];

        public override void Insert(int sourceId, string externalId, CustomerValues values)
        {
            var customerId = _customerIds.Next();
            _customers.Add([customerId, values.Name, values.Gender, values.BirthYear, values.City, values.CityTier, values.FirstSeen,
                sourceId, values.Sms, values.EmailConsent, values.Push, values.Ads, 0, 0.0, 0]);
            _identities.Add([_identityIds.Next(), sourceId, externalId, values.Phone, values.Email, values.MemberNo, customerId, values.FirstSeen, runId]);
            _known[(sourceId, externalId)] = new StoredIdentity(runId, values, Merged: false);
        }

        public override void Dispose()
        {
        }
    }
}
