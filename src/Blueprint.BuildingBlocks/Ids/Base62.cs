namespace Blueprint.BuildingBlocks.Ids;

/// <summary>
/// Base62 (seed 000 §7.1, 003 §8): digits, then upper-case, then lower-case letters — URL-safe
/// without escaping, and case-sensitive. A 64-bit number takes at most 11 characters.
/// </summary>
public static class Base62
{
    /// <summary>The 62 characters, in value order.</summary>
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The shortest text for <paramref name="value"/> ("0" for zero).</summary>
    public static string Encode(ulong value)
    {
        Span<char> buffer = stackalloc char[11];
        var at = buffer.Length;
        do
        {
            buffer[--at] = Alphabet[(int)(value % 62)];
            value /= 62;
        }
        while (value > 0);

        return new string(buffer[at..]);
    }

    /// <summary>The number <paramref name="text"/> stands for.</summary>
    /// <exception cref="FormatException">Empty, a character outside the alphabet, or more than 64 bits.</exception>
    public static ulong Decode(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > 11)
        {
            throw new FormatException("Base62 text is 1 to 11 characters.");
        }

        ulong value = 0;
        foreach (var c in text)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                >= 'a' and <= 'z' => c - 'a' + 36,
                _ => throw new FormatException($"'{c}' is not a Base62 character."),
            };
            try
            {
                value = checked((value * 62) + (ulong)digit);
            }
            catch (OverflowException)
            {
                throw new FormatException("Base62 text stands for more than 64 bits.");
            }
        }

        return value;
    }
}
