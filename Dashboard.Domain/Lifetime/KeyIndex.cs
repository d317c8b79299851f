namespace Dashboard.Domain.Lifetime;

/// <summary>
/// Dense numbering of 64-bit keys (0, 1, 2, … in order of first appearance) with open addressing: the grouping of
/// a million customer histories spends its time here, and a specialised table is several times faster than a
/// Dictionary for it.
/// </summary>
internal sealed class KeyIndex
{
    private long[] _keys;
    private int[] _slots; // index + 1; 0 = empty
    private int _mask;
    private int _shift;

    public KeyIndex(int expected)
    {
        var capacity = 16;
        while (capacity < expected * 2)
        {
            capacity <<= 1;
        }
        _keys = new long[capacity];
        _slots = new int[capacity];
        _mask = capacity - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
    }

    public int Count { get; private set; }

    /// <summary>Key for a time value; −0 and +0 are one key.</summary>
    public static long KeyOf(double value) => value == 0 ? 0 : BitConverter.DoubleToInt64Bits(value);

    /// <summary>The key's number, adding it (with the next number) when it is new.</summary>
    public int GetOrAdd(long key, out bool added)
    {
        var slot = (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> _shift);
        while (true)
        {
            var stored = _slots[slot];
            if (stored == 0)
            {
                if (Count * 2 >= _keys.Length)
                {
                    Grow();
                    return GetOrAdd(key, out added);
                }
                _keys[slot] = key;
                _slots[slot] = ++Count;
                added = true;
                return Count - 1;
            }
            if (_keys[slot] == key)
            {
                added = false;
                return stored - 1;
            }
            slot = (slot + 1) & _mask;
        }
    }

    private void Grow()
    {
        var oldKeys = _keys;
        var oldSlots = _slots;
        var capacity = oldKeys.Length * 2;
        _keys = new long[capacity];
        _slots = new int[capacity];
        _mask = capacity - 1;
        _shift--;
        for (var i = 0; i < oldKeys.Length; i++)
        {
            if (oldSlots[i] == 0)
            {
                continue;
            }
            var slot = (int)((ulong)(oldKeys[i] * unchecked((long)0x9E3779B97F4A7C15)) >> _shift);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }
            _keys[slot] = oldKeys[i];
            _slots[slot] = oldSlots[i];
        }
    }
}
