namespace Dashboard.Data.Import;

/// <summary>What a CSV file holds. Each kind has a fixed header (see CsvLayouts).</summary>
public enum ImportKind
{
    Customers,
    Orders,
    Touchpoints,
    Spend,
}

/// <summary>One problem in an input file: where it is (1-based line; column name when known) and what is wrong.</summary>
public sealed record ImportProblem(long Line, string? Column, string Problem);

/// <summary>Where an import is: rows read so far and bytes consumed of the whole file (when its length is known).</summary>
public sealed record ImportProgress(long RowsRead, long BytesRead, long? TotalBytes)
{
    public double? Fraction => TotalBytes is > 0 ? Math.Min(1.0, (double)BytesRead / TotalBytes.Value) : null;
}

/// <summary>
/// The outcome of importing one file. Either every row was applied (Succeeded) or none was and
/// Problems says why, naming the file, line and column.
/// </summary>
public sealed record ImportReport(
    ImportKind Kind,
    string FileName,
    bool Succeeded,
    long RowsRead,
    long RowsInserted,
    long RowsUnchanged,
    IReadOnlyList<ImportProblem> Problems,
    TimeSpan Elapsed)
{
    /// <summary>
    /// The ImportRun recorded for this import (rejected ones too). Rows the import added carry this id, so later
    /// steps (identity resolution) can find e.g. the source identities that are new in this run.
    /// </summary>
    public long? ImportRunId { get; init; }
}

/// <summary>
/// Work that follows every successful import in the same call (registered in DI, run in registration order), e.g.
/// identity resolution of the source identities a customers import added. The rows it needs carry ImportRunId.
/// </summary>
public interface IImportFollowUp
{
    Task AfterImportAsync(ImportKind kind, long importRunId, CancellationToken ct);
}
