using System.Data;
using System.Globalization;

namespace Dashboard.Data.Import;

/// <summary>
/// spend files: one row per ad channel and week (weeks start on Monday). Unlike the other kinds, a stored week with
/// different figures is replaced: ad platforms restate spend and attributed outcomes for weeks after the fact,
/// so the latest export is the truth. A (channel, week) given twice in one file is still a problem.
/// </summary>
internal sealed class SpendWriter : RowWriter
{
    private const int Channel = 0, WeekStart = 1, Spend = 2, Revenue = 3, Conversions = 4;

    private readonly SqlStatement _insert;
    private readonly SqlStatement _find;
    private readonly SqlStatement _replace;

    public SpendWriter(ImportSession session) : base(session)
    {
        _insert = Prepare("""
            INSERT INTO "ChannelSpends" ("AdChannelId", "WeekStartUtc", "Spend", "Revenue", "Conversions", "ImportRunId")
            VALUES (@channel, @week, @spend, @revenue, @conversions, @run)
            ON CONFLICT ("AdChannelId", "WeekStartUtc") DO NOTHING
            """,
            ("@channel", DbType.Int32), ("@week", DbType.DateTime), ("@spend", DbType.Double), ("@revenue", DbType.Double),
            ("@conversions", DbType.Double), ("@run", DbType.Int64));
        _find = Prepare("""
            SELECT "Id", "Spend", "Revenue", "Conversions", "ImportRunId" FROM "ChannelSpends" WHERE "AdChannelId" = @channel AND "WeekStartUtc" = @week
            """, ("@channel", DbType.Int32), ("@week", DbType.DateTime));
        _replace = Prepare("""
            UPDATE "ChannelSpends" SET "Spend" = @spend, "Revenue" = @revenue, "Conversions" = @conversions, "ImportRunId" = @run WHERE "Id" = @id
            """, ("@spend", DbType.Double), ("@revenue", DbType.Double), ("@conversions", DbType.Double), ("@run", DbType.Int64), ("@id", DbType.Int64));
    }

    /// <summary>Stored weeks whose figures this file replaced (counted in RowsInserted too: they were written).</summary>
    public long Replaced { get; private set; }

    public override string? Summary => Replaced > 0 ? $"{Replaced} stored weeks replaced with restated figures" : null;

    public override void Write(ImportRow row)
    {
        var channelId = Session.Codes.Channel(row, Channel);
        var week = row.Date(WeekStart, required: true);
        var spend = row.Number(Spend, true, 0);
        var revenue = row.Number(Revenue, true, 0);
        var conversions = row.Number(Conversions, true, 0);
        if (week is { } w && (w.DayOfWeek != DayOfWeek.Monday || w.TimeOfDay != TimeSpan.Zero))
        {
            row.Problem(WeekStart, string.Create(CultureInfo.InvariantCulture,
                $"week_start {row.Raw(WeekStart).Trim()} is {(w.TimeOfDay == TimeSpan.Zero ? "a " + w.DayOfWeek : "not midnight UTC")}: weeks start on Monday (a date like 2024-01-01)"));
        }
        if (row.HasProblems || channelId is null || week is null || spend is null || revenue is null || conversions is null)
        {
            return;
        }
        if (_insert.Bind(channelId.Value, week.Value, spend.Value, revenue.Value, conversions.Value, Session.RunId).Execute() == 1)
        {
            Inserted++;
            return;
        }
        long id;
        using (var reader = _find.Bind(channelId.Value, week.Value).ReadOne())
        {
            reader.Read();
            if (!reader.IsDBNull(4) && reader.GetInt64(4) == Session.RunId)
            {
                row.Problem(WeekStart, $"duplicate week: {row.Raw(Channel).Trim()} week {week.Value:yyyy-MM-dd} appears more than once in this file");
                return;
            }
            if (reader.GetDouble(1).Equals(spend.Value) && reader.GetDouble(2).Equals(revenue.Value) && reader.GetDouble(3).Equals(conversions.Value))
            {
                Unchanged++;
                return;
            }
            id = reader.GetInt64(0);
        }
        _replace.Bind(spend.Value, revenue.Value, conversions.Value, Session.RunId, id).Execute();
        Replaced++;
        Inserted++;
    }
}
