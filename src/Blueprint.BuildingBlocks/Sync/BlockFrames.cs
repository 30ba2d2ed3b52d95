using System.Buffers.Binary;

namespace Blueprint.BuildingBlocks.Sync;

/// <summary>
/// Many blocks in one request or response body, so a 1 GB file is a few dozen requests rather than
/// thousands: each block framed as its SHA-256 (32 raw bytes), its length (4 bytes, big-endian), then
/// its bytes.
/// </summary>
public static class BlockFrames
{
    /// <summary>The bytes of a frame's header.</summary>
    public const int HeaderLength = 36;

    /// <summary>Writes one framed block.</summary>
    public static async Task WriteAsync(Stream stream, string hash, ReadOnlyMemory<byte> block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[HeaderLength];
        Convert.FromHexString(hash, header.AsSpan(0, 32), out _, out var written);
        if (written != 32)
        {
            throw new ArgumentException($"'{hash}' is not a SHA-256 in hex.", nameof(hash));
        }

        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(32), block.Length);
        await stream.WriteAsync(header, cancellationToken);
        await stream.WriteAsync(block, cancellationToken);
    }

    /// <summary>
    /// Reads the next frame's header: its block's hash and length; null at the end of the stream.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream ends inside a header, or a length is negative or over <paramref name="maxLength"/>.</exception>
    public static async Task<(string Hash, int Length)?> ReadHeaderAsync(Stream stream, int maxLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[HeaderLength];
        var read = await stream.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return null;
        }

        if (read < HeaderLength)
        {
            throw new InvalidDataException($"The body ends inside a block header ({read} of {HeaderLength} bytes).");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(32));
        if (length < 0 || length > maxLength)
        {
            throw new InvalidDataException($"A block of {length} bytes is announced; a block is 0 to {maxLength} bytes.");
        }

        return (Convert.ToHexStringLower(header.AsSpan(0, 32)), length);
    }

    /// <summary>Reads a frame's block bytes into <paramref name="buffer"/>.</summary>
    /// <exception cref="InvalidDataException">The stream ends inside the block.</exception>
    public static async Task ReadBlockAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (read < buffer.Length)
        {
            throw new InvalidDataException($"The body ends inside a block ({read} of {buffer.Length} bytes).");
        }
    }
}
