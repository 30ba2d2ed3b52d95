namespace Blueprint.Infrastructure.Blobs;

internal static class ByteRangeExtensions
{
    /// <summary>Refuses a range no object could satisfy: a negative offset, or a length under one byte.</summary>
    public static void CheckArguments(this ByteRange? range)
    {
        if (range is not { } r)
        {
            return;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(r.Offset, nameof(range));
        if (r.Length is { } length)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(length, 1, nameof(range));
        }
    }

    /// <summary>Checks the range against an object of <paramref name="totalLength"/> bytes and returns the bytes it covers, clipped at the end.</summary>
    public static (long Offset, long Length) Resolve(this ByteRange? range, long totalLength)
    {
        range.CheckArguments();
        if (range is not { } r)
        {
            return (0, totalLength);
        }

        if (r.Offset >= totalLength)
        {
            throw new BlobRangeException($"The range starts at byte {r.Offset} but the object has {totalLength} bytes.");
        }

        return (r.Offset, Math.Min(r.Length ?? long.MaxValue, totalLength - r.Offset));
    }
}
