namespace Blueprint.BuildingBlocks.Caching;

/// <summary>Key traces to replay through caches: recorded, or drawn from the shapes real traffic has.</summary>
public static class KeyTraces
{
    /// <summary>
    /// <paramref name="length"/> draws from <paramref name="keys"/> keys where key i (from 1) is drawn with
    /// probability ∝ 1 / i^<paramref name="exponent"/>: the skew of web caches (exponent near 1).
    /// </summary>
    public static int[] Zipf(int length, int keys, double exponent = 0.99, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(keys, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        var cumulative = new double[keys];
        var sum = 0.0;
        for (var i = 0; i < keys; i++)
        {
            sum += 1 / Math.Pow(i + 1, exponent);
            cumulative[i] = sum;
        }

        var random = new Random(seed);
        var trace = new int[length];
        for (var i = 0; i < length; i++)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            trace[i] = Math.Min(keys - 1, index < 0 ? ~index : index);
        }

        return trace;
    }

    /// <summary>
    /// A Zipf trace whose popular keys change <paramref name="phases"/> times: each phase draws from a
    /// fresh range of key ids. Exact LFU fails this one, because the old favourites keep their counts.
    /// </summary>
    public static int[] Shifting(int length, int keys, int phases = 4, double exponent = 0.99, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(phases, 1);
        var trace = Zipf(length, keys, exponent, seed);
        var phaseLength = (length + phases - 1) / phases;
        for (var i = 0; i < trace.Length; i++)
        {
            trace[i] += (i / phaseLength) * keys;
        }

        return trace;
    }

    /// <summary>Reads a trace file, one key per line (blank lines skipped), mapping each distinct key to an int.</summary>
    public static int[] FromLines(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var trace = new List<int>();
        foreach (var line in lines)
        {
            var key = line.Trim();
            if (key.Length == 0)
            {
                continue;
            }

            if (!ids.TryGetValue(key, out var id))
            {
                id = ids.Count;
                ids[key] = id;
            }

            trace.Add(id);
        }

        return [.. trace];
    }
}
