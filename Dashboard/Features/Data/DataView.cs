namespace Dashboard.Features.Data;

public sealed record DataView(IReadOnlyList<TableCount> Tables, IReadOnlyList<SourceRow> Sources, IReadOnlyList<ImportRunRow> Imports,
    IReadOnlyList<ModelRunRow> ModelRuns);

public sealed record TableCount(string Table, long Rows);

public sealed record SourceRow(string Code, string Name, string Kind, int Identities, int Orders, DateTime? LastOrderUtc);

public sealed record ImportRunRow(long Id, string Kind, string FileName, DateTime StartedUtc, double? Seconds, long RowsRead,
    long RowsInserted, long RowsUnchanged, string Status, string? Message);

public sealed record ModelRunRow(long Id, string Kind, DateTime RequestedUtc, double? Seconds, string Status, string? Error);
