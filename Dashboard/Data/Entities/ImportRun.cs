namespace Dashboard.Data.Entities;

/// <summary>One import of one file: what came in, when, and how it ended.</summary>
public sealed class ImportRun
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string FileName { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime? FinishedUtc { get; set; }
    public long RowsRead { get; set; }
    public long RowsInserted { get; set; }
    /// <summary>Rows already in the store with identical values (re-imports).</summary>
    public long RowsUnchanged { get; set; }
    public required string Status { get; set; }
    public string? Message { get; set; }
}
