namespace Tributary.Rooms.Gateway;

/// <summary>
/// The upgraded connection, read through a small WebSocket frame-header parser: the .NET WebSocket does
/// not expose frame boundaries, so this is where a client frame over the limit is seen (from its header,
/// before its payload reaches the application). Client frames are masked; control frames are small.
/// </summary>
internal sealed class FrameLimitStream(Stream inner, long maxFrameBytes) : Stream
{
    private enum State
    {
        First,
        Length,
        ExtendedLength,
        Mask,
        Payload,
    }

    private State _state = State.First;
    private int _needed;
    private long _length;
    private bool _masked;

    /// <summary>A frame header announced a payload over the limit.</summary>
    public bool OversizedFrame { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Inspect(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Inspect(buffer.AsSpan(offset, read));
        return read;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    private void Inspect(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            switch (_state)
            {
                case State.First:
                    i++;
                    _state = State.Length;
                    break;
                case State.Length:
                    var b = bytes[i++];
                    _masked = (b & 0x80) != 0;
                    var length7 = b & 0x7F;
                    if (length7 < 126)
                    {
                        HeaderLength(length7);
                    }
                    else
                    {
                        _needed = length7 == 126 ? 2 : 8;
                        _length = 0;
                        _state = State.ExtendedLength;
                    }

                    break;
                case State.ExtendedLength:
                    _length = (_length << 8) | bytes[i++];
                    if (--_needed == 0)
                    {
                        HeaderLength(_length);
                    }

                    break;
                case State.Mask:
                    i++;
                    if (--_needed == 0)
                    {
                        _state = _length > 0 ? State.Payload : State.First;
                    }

                    break;
                case State.Payload:
                    var take = (int)Math.Min(_length, bytes.Length - i);
                    i += take;
                    _length -= take;
                    if (_length == 0)
                    {
                        _state = State.First;
                    }

                    break;
            }
        }
    }

    private void HeaderLength(long length)
    {
        _length = length;
        if (length > maxFrameBytes || length < 0)
        {
            OversizedFrame = true;
        }

        if (_masked)
        {
            _needed = 4;
            _state = State.Mask;
        }
        else
        {
            _state = length > 0 ? State.Payload : State.First;
        }
    }
}
