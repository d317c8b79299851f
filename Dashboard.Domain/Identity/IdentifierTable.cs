using System.Runtime.InteropServices;

namespace Dashboard.Domain.Identity;

/// <summary>Numbers distinct normalized identifiers 0, 1, 2... (one dictionary per kind, ordinal comparison).</summary>
internal sealed class IdentifierTable
{
    private readonly Dictionary<string, int>[] _byKind =
    [
        new(StringComparer.Ordinal),
        new(StringComparer.Ordinal),
        new(StringComparer.Ordinal),
    ];
    private readonly List<IdentifierKind> _kinds = [];
    private readonly List<string> _values = [];

    public int Count => _values.Count;

    public int GetOrAdd(IdentifierKind kind, string value)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_byKind[(int)kind], value, out var exists);
        if (!exists)
        {
            slot = _values.Count;
            _kinds.Add(kind);
            _values.Add(value);
        }
        return slot;
    }

    public IdentifierKind Kind(int slot) => _kinds[slot];

    public string Value(int slot) => _values[slot];

    public Identifier Identifier(int slot) => new(_kinds[slot], _values[slot]);

    public int Compare(int a, int b)
    {
        var byKind = _kinds[a].CompareTo(_kinds[b]);
        return byKind != 0 ? byKind : string.CompareOrdinal(_values[a], _values[b]);
    }
}

/// <summary>The fan-out cap and the deny list, applied to one identifier and the number of records that carry it.</summary>
internal sealed class BlockRule
{
    private readonly int _maxFanout;
    private readonly HashSet<Identifier> _denied;

    public BlockRule(IdentityResolutionSettings settings)
    {
        settings.Validate();
        _maxFanout = settings.MaxFanout;
        _denied = (settings.Denied ?? [])
            .Select(d => new Identifier(d.Kind, IdentifierNormalizer.Normalize(d.Kind, d.Value) ?? d.Value.Trim()))
            .ToHashSet();
    }

    public BlockReason? Reason(Identifier identifier, int records) =>
        _denied.Contains(identifier) ? BlockReason.Denied
        : records > _maxFanout ? BlockReason.Fanout
        : null;
}
