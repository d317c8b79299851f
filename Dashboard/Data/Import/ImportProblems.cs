namespace Dashboard.Data.Import;

/// <summary>
/// The problems found in one file, up to a limit: past it the importer stops reading (one more entry says so),
/// because a file with a hundred problems needs fixing at its source, not a longer list.
/// </summary>
internal sealed class ImportProblems(int limit)
{
    private readonly List<ImportProblem> _items = [];

    public IReadOnlyList<ImportProblem> Items => _items;

    public bool Any => _items.Count > 0;

    public bool Full => _items.Count >= limit;

    public void Add(long line, string? column, string problem)
    {
        if (!Full)
        {
            _items.Add(new ImportProblem(line, column, problem));
        }
    }

    /// <summary>Records that reading stopped at <paramref name="line"/> because the limit was reached.</summary>
    public void AddStopped(long line) =>
        _items.Add(new ImportProblem(line, null, $"stopped reading after {limit} problems; fix these and import the file again"));
}
