namespace Blueprint.CloudStorage.Blocks;

/// <summary>
/// Runs of blocks that lie end to end in one blob, read with one ranged read
/// (<see cref="BlockStore.ReadRunAsync"/>): the blocks of a file that went up together are adjacent
/// in its packs, so a GiB is read in some 250 requests instead of one per block — which on S3 is
/// the difference between bandwidth and round trips.
/// </summary>
internal static class BlockRuns
{
    /// <summary>The most sealed bytes read at once: a download holds two runs (one sent, one coming).</summary>
    public const long MostBytes = 4L << 20;

    /// <summary><paramref name="blocks"/> cut into consecutive runs, each as its first index and count.</summary>
    public static List<(int Start, int Count)> Split<T>(IReadOnlyList<T> blocks, Func<T, BlobLocation> where)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var runs = new List<(int Start, int Count)>();
        for (var start = 0; start < blocks.Count; start += runs[^1].Count)
        {
            runs.Add((start, Length(blocks, start, where)));
        }

        return runs;
    }

    /// <summary>How many of <paramref name="blocks"/>, from <paramref name="start"/> on, form one run.</summary>
    public static int Length<T>(IReadOnlyList<T> blocks, int start, Func<T, BlobLocation> where, long mostBytes = MostBytes)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(where);
        var previous = where(blocks[start]);
        var (end, bytes) = (start + 1, previous.StoredLength);
        while (end < blocks.Count)
        {
            var next = where(blocks[end]);
            if (next.BlobKey != previous.BlobKey || next.BlobOffset != previous.BlobOffset + previous.StoredLength || bytes + next.StoredLength > mostBytes)
            {
                break;
            }

            (previous, bytes, end) = (next, bytes + next.StoredLength, end + 1);
        }

        return end - start;
    }
}
