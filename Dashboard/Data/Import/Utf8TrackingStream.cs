namespace Dashboard.Data.Import;

/// <summary>
/// A read-only pass-through that counts the bytes read (for progress) and remembers the last chunk handed out,
/// so that when strict UTF-8 decoding fails the importer can say on which line the bad byte sits: the decoder
/// reports the byte's index within the chunk it was decoding, which is the last chunk read from here.
/// </summary>
internal sealed class Utf8TrackingStream(Stream inner) : Stream
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private byte[] _lastChunk = [];
    private int _lastLength;
    private long _newlinesBeforeLastChunk;
    private bool _lastChunkIsFirst;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Remember(buffer[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        Remember(buffer.Span[..n]);
        return n;
    }

    /// <summary>
    /// The 1-based line holding the byte at <paramref name="index"/> of the last chunk (as reported by
    /// <see cref="System.Text.DecoderFallbackException.Index"/>).
    /// </summary>
    public long LineOfByteInLastChunk(int index)
    {
        // The reader skips a UTF-8 byte-order mark before decoding, so indexes in the first chunk start after it.
        var skipped = _lastChunkIsFirst && _lastChunk.AsSpan(0, _lastLength).StartsWith(Bom) ? Bom.Length : 0;
        var end = Math.Clamp(index + skipped, 0, _lastLength);
        return _newlinesBeforeLastChunk + _lastChunk.AsSpan(0, end).Count((byte)'\n') + 1;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Remember(ReadOnlySpan<byte> chunk)
    {
        _newlinesBeforeLastChunk += _lastChunk.AsSpan(0, _lastLength).Count((byte)'\n');
        _lastChunkIsFirst = BytesRead == 0;
        if (_lastChunk.Length < chunk.Length)
        {
            _lastChunk = new byte[chunk.Length];
        }
        chunk.CopyTo(_lastChunk);
        _lastLength = chunk.Length;
        BytesRead += chunk.Length;
    }
}
