namespace Blueprint.BuildingBlocks.Ids;

/// <summary>
/// A ULID: 48 bits of Unix milliseconds and 80 random bits, written as 26 characters of Crockford's
/// base32, so its string sorts the same as its value.
/// </summary>
public readonly record struct Ulid : IComparable<Ulid>, ISpanFormattable
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Wraps a 128-bit value.</summary>
    public Ulid(UInt128 value) => Value = value;

    /// <summary>The 128-bit value.</summary>
    public UInt128 Value { get; }

    /// <summary>The millisecond it carries.</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds((long)(ulong)(Value >> 80));

    /// <inheritdoc />
    public int CompareTo(Ulid other) => Value.CompareTo(other.Value);

    /// <summary>True when <paramref name="left"/> sorts before <paramref name="right"/>.</summary>
    public static bool operator <(Ulid left, Ulid right) => left.Value < right.Value;

    /// <summary>True when <paramref name="left"/> sorts after <paramref name="right"/>.</summary>
    public static bool operator >(Ulid left, Ulid right) => left.Value > right.Value;

    /// <summary>True when <paramref name="left"/> does not sort after <paramref name="right"/>.</summary>
    public static bool operator <=(Ulid left, Ulid right) => left.Value <= right.Value;

    /// <summary>True when <paramref name="left"/> does not sort before <paramref name="right"/>.</summary>
    public static bool operator >=(Ulid left, Ulid right) => left.Value >= right.Value;

    /// <summary>The 26-character form.</summary>
    public override string ToString() => string.Create(26, Value, static (span, value) => Write(value, span));

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (destination.Length < 26)
        {
            charsWritten = 0;
            return false;
        }

        Write(Value, destination);
        charsWritten = 26;
        return true;
    }

    /// <summary>Reads the 26-character form (case-insensitive).</summary>
    /// <exception cref="FormatException">Not 26 characters of Crockford base32, or above the 128-bit range.</exception>
    public static Ulid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != 26 || text[0] > '7')
        {
            throw new FormatException($"'{text}' is not a ULID: 26 characters of Crockford base32, the first 0–7.");
        }

        UInt128 value = 0;
        foreach (var c in text)
        {
            var digit = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (digit < 0)
            {
                throw new FormatException($"'{text}' is not a ULID: '{c}' is not a Crockford base32 digit.");
            }

            value = (value << 5) | (uint)digit;
        }

        return new Ulid(value);
    }

    private static void Write(UInt128 value, Span<char> destination)
    {
        for (var i = 25; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
    }
}
