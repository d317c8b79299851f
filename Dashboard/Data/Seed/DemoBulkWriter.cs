using System.Data.Common;
using Dashboard.Data.Entities;
using Dashboard.Data.Identity;
using Dashboard.Domain.Identity;
using Npgsql;

namespace Dashboard.Data.Seed;

/// <summary>
/// Writes the demo brand inside the caller's transaction: on SQLite with one prepared INSERT per table (about 20
/// times faster than EF's AddRange and flat in memory; TOOLCHAIN.md §10), on PostgreSQL with binary COPY in batches
/// (<see cref="PostgresCopy"/>). Column lists follow the entity configurations; ids are assigned by the generator.
/// </summary>
internal sealed class DemoBulkWriter : IDisposable
{
    private readonly BulkTable _customers;
    private readonly BulkTable _identities;
    private readonly BulkTable _orders;
    private readonly BulkTable _lines;
    private readonly BulkTable _touchpoints;
    private readonly BulkTable _assignments;
    private readonly BulkTable _people;
    private readonly BulkTable _identityTruth;
    private readonly BulkTable _keys;
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;

    public DemoBulkWriter(DbConnection connection, DbTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
        _postgres = connection as NpgsqlConnection;
        if (_postgres is not null)
        {
            // COPY cannot skip rows that break a key: campaign assignments go to a staging table first (in write order)
            // and reach CampaignAssignments in FinishAssignments, keeping the first arm as INSERT OR IGNORE does.
            Execute($"""
                DROP TABLE IF EXISTS {StagedAssignments};
                CREATE TEMP TABLE {StagedAssignments} (LIKE "CampaignAssignments");
                ALTER TABLE {StagedAssignments} ADD COLUMN "Ordinal" BIGSERIAL;
                """);
        }
        _customers = Table("Customers", "Id", "Name", "Gender", "BirthYear", "City", "CityTier", "FirstSeenUtc",
            "AcquisitionSourceId", "ConsentSms", "ConsentEmail", "ConsentPush", "ConsentAds", "OrderCount", "Revenue", "IdentityCount");
        _identities = Table("SourceIdentities", "Id", "SourceId", "ExternalId", "Phone", "Email", "MemberNo", "CustomerId", "FirstSeenUtc",
            "Name", "Gender", "BirthYear", "City", "CityTier", "ConsentSms", "ConsentEmail", "ConsentPush", "ConsentAds",
            "LinkedToId", "LinkedByKind", "LinkedByValue");
        _keys = Table("IdentityKeys", "Kind", "Value", "SourceIdentityId");
        _orders = Table("Orders", "Id", "SourceId", "OrderNo", "CustomerId", "SourceIdentityId", "PlacedAtUtc", "Total", "LineCount");
        _lines = Table("OrderLines", "Id", "OrderId", "LineNo", "ProductId", "Quantity", "UnitPrice", "Amount");
        _touchpoints = Table("Touchpoints", "Id", "SourceId", "EventId", "CustomerId", "SourceIdentityId", "Type", "OccurredAtUtc",
            "DwellSeconds", "CampaignId", "ProductId");
        // Two persons wrongly merged into one profile could both be targeted: the profile keeps the first arm.
        _assignments = _postgres is null
            ? Table("CampaignAssignments", "CampaignId", "CustomerId", "Arm", "IsControl").OrIgnore()
            : Table(StagedAssignments, "CampaignId", "CustomerId", "Arm", "IsControl");
        _people = Table("DemoPeople", "Id", "Lambda", "DropoutProbability", "MeanOrderValue", "AliveAtEnd", "IsProspect", "ExtraOrders");
        _identityTruth = Table("DemoIdentityTruths", "SourceIdentityId", "PersonId");
    }

    private const string StagedAssignments = "seed_assignments";

    private readonly NpgsqlConnection? _postgres;
    private long _movedAssignments;

    /// <summary>Rows written per table.</summary>
    public IReadOnlyDictionary<string, long> Rows => _rows.Where(r => r.Key != StagedAssignments).ToDictionary(StringComparer.Ordinal);

    private readonly Dictionary<string, long> _rows = new(StringComparer.Ordinal);

    private BulkTable Table(string name, params string[] columns) => new(_connection, _transaction, name, columns, _rows, Flush);

    /// <summary>
    /// Writes everything buffered (PostgreSQL), parents before children so foreign keys hold, and moves the staged
    /// campaign assignments into place. Call before running other SQL on the connection; a no-op on SQLite.
    /// </summary>
    public void Flush()
    {
        foreach (var table in new[] { _people, _customers, _identities, _identityTruth, _keys, _orders, _lines, _touchpoints, _assignments })
        {
            table.Flush();
        }
        if (_postgres is not null && _rows[StagedAssignments] > _movedAssignments)
        {
            _movedAssignments = _rows[StagedAssignments];
            _rows["CampaignAssignments"] = _rows.GetValueOrDefault("CampaignAssignments") + Execute($"""
                INSERT INTO "CampaignAssignments" ("CampaignId", "CustomerId", "Arm", "IsControl")
                SELECT "CampaignId", "CustomerId", "Arm", "IsControl" FROM {StagedAssignments} ORDER BY "Ordinal"
                ON CONFLICT DO NOTHING;
                """);
            Execute($"TRUNCATE {StagedAssignments}");
        }
    }

    private int Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// Placeholder rows for the profiles 1..count (identity resolution's clusters); ProfileRules derives their
    /// attributes from the identities once everything is written.
    /// </summary>
    public void WriteProfiles(int count, DateTime placeholderFirstSeen)
    {
        for (var id = 1; id <= count; id++)
        {
            // The summary columns are written (not left to a column default: only SQLite's migrations have one).
            _customers.Insert(id, null, null, null, null, null, placeholderFirstSeen, null, false, false, false, false, 0, 0.0, 0);
        }
    }

    /// <summary>A person's rows; <paramref name="linkOf"/> explains each identity's place in its profile.</summary>
    public void Write(GeneratedPerson person, Func<long, RecordLink> linkOf)
    {
        var t = person.Truth;
        _people.Insert(t.Id, t.Lambda, t.DropoutProbability, t.MeanOrderValue, t.AliveAtEnd, t.IsProspect, t.ExtraOrders);
        foreach (var i in person.Identities)
        {
            var link = linkOf(i.Id);
            _identities.Insert(i.Id, i.SourceId, i.ExternalId, i.Phone, i.Email, i.MemberNo, i.CustomerId, i.FirstSeenUtc,
                i.Name, i.Gender, i.BirthYear, i.City, i.CityTier, i.ConsentSms, i.ConsentEmail, i.ConsentPush, i.ConsentAds,
                link.LinkedTo, link.Via?.KindCode, link.Via?.Value);
            _identityTruth.Insert(i.Id, t.Id);
            foreach (var (kind, value, _) in ProfileWriter.Keys([new IdentityRecord(i.Id, i.Phone, i.Email, i.MemberNo)]))
            {
                _keys.Insert((int)kind, value, i.Id);
            }
        }
        foreach (var o in person.Orders)
        {
            _orders.Insert(o.Id, o.SourceId, o.OrderNo, o.CustomerId, o.SourceIdentityId, o.PlacedAtUtc, o.Total, o.LineCount);
            foreach (var l in o.Lines)
            {
                _lines.Insert(l.Id, l.OrderId, l.LineNo, l.ProductId, l.Quantity, l.UnitPrice, l.Amount);
            }
        }
        foreach (var p in person.Touchpoints)
        {
            _touchpoints.Insert(p.Id, p.SourceId, p.EventId, p.CustomerId, p.SourceIdentityId, (int)p.Type, p.OccurredAtUtc,
                p.DwellSeconds, p.CampaignId, p.ProductId);
        }
        foreach (var a in person.Assignments)
        {
            _assignments.Insert(a.CampaignId, a.CustomerId, a.Arm, a.IsControl);
        }
    }

    public void Write(IEnumerable<Product> products)
    {
        using var table = Table("Products", "Id", "Sku", "Name", "Category", "Price");
        foreach (var p in products)
        {
            table.Insert(p.Id, p.Sku, p.Name, p.Category, p.Price);
        }
    }

    public void Write(IEnumerable<Campaign> campaigns)
    {
        using var table = Table("Campaigns", "Id", "Code", "Name", "AdChannelId", "StartUtc", "EndUtc", "Cost", "TargetAudience", "PlannedControlShare");
        foreach (var c in campaigns)
        {
            table.Insert(c.Id, c.Code, c.Name, c.AdChannelId, c.StartUtc, c.EndUtc, c.Cost, c.TargetAudience, c.PlannedControlShare);
        }
    }

    public void Write(IEnumerable<ChannelSpend> weeks)
    {
        using var table = Table("ChannelSpends", "AdChannelId", "WeekStartUtc", "Spend", "Revenue", "Conversions");
        foreach (var w in weeks)
        {
            table.Insert(w.AdChannelId, w.WeekStartUtc, w.Spend, w.Revenue, w.Conversions);
        }
    }

    public void Write(IEnumerable<DemoTruth> truths)
    {
        using var table = Table("DemoTruths", "Key", "Json");
        foreach (var t in truths)
        {
            table.Insert(t.Key, t.Json);
        }
    }

    public void SetCampaignCost(int campaignId, double cost)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = "UPDATE \"Campaigns\" SET \"Cost\" = @cost WHERE \"Id\" = @id";
        AddParameter(command, "@cost", cost);
        AddParameter(command, "@id", campaignId);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Flush();
        _customers.Dispose();
        _identities.Dispose();
        _orders.Dispose();
        _lines.Dispose();
        _touchpoints.Dispose();
        _assignments.Dispose();
        _people.Dispose();
        _identityTruth.Dispose();
        _keys.Dispose();
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// One table's rows: a prepared INSERT with parameters rebound for every row (SQLite), or a buffered binary COPY
    /// (PostgreSQL) that asks the writer to flush every table when its buffer is full.
    /// </summary>
    private sealed class BulkTable : IDisposable
    {
        private readonly DbCommand? _command;
        private readonly DbParameter[] _parameters = [];
        private readonly PostgresCopy? _copy;
        private readonly Action _flushAll;
        private readonly string _name;
        private readonly Dictionary<string, long> _rows;
        private bool _prepared;

        public BulkTable(DbConnection connection, DbTransaction transaction, string name, string[] columns, Dictionary<string, long> rows, Action flushAll)
        {
            _name = name;
            _rows = rows;
            _flushAll = flushAll;
            _rows.TryAdd(name, 0);
            if (connection is NpgsqlConnection postgres)
            {
                _copy = new PostgresCopy(postgres, name, columns);
                return;
            }
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText =
                $"INSERT INTO \"{name}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
            _parameters = new DbParameter[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                _parameters[i] = _command.CreateParameter();
                _parameters[i].ParameterName = $"@p{i}";
                _command.Parameters.Add(_parameters[i]);
            }
        }

        /// <summary>INSERT OR IGNORE (SQLite): rows that would break a unique key are skipped (and not counted).</summary>
        public BulkTable OrIgnore()
        {
            _command!.CommandText = _command.CommandText.Replace("INSERT INTO", "INSERT OR IGNORE INTO", StringComparison.Ordinal);
            return this;
        }

        public void Insert(params ReadOnlySpan<object?> values)
        {
            if (_copy is not null)
            {
                _copy.Add(values);
                if (_copy.Full)
                {
                    _flushAll();
                }
                return;
            }
            for (var i = 0; i < values.Length; i++)
            {
                _parameters[i].Value = values[i] ?? DBNull.Value;
            }
            if (!_prepared)
            {
                _command!.Prepare();
                _prepared = true;
            }
            _rows[_name] += _command!.ExecuteNonQuery();
        }

        public void Flush()
        {
            if (_copy is null)
            {
                return;
            }
            var before = _copy.Copied;
            _copy.Flush();
            _rows[_name] += _copy.Copied - before;
        }

        public void Dispose()
        {
            Flush();
            _command?.Dispose();
        }
    }
}
