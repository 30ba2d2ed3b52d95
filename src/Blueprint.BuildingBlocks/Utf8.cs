using System.Text;

namespace Blueprint.BuildingBlocks;

/// <summary>Hands a string's UTF-8 bytes to a function, on the stack when short, so hashing a key allocates nothing.</summary>
internal static class Utf8
{
    private const int StackLimit = 512;

    public static TResult With<TState, TResult>(string text, TState state, Func<ReadOnlySpan<byte>, TState, TResult> action)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (length <= StackLimit)
        {
            Span<byte> buffer = stackalloc byte[length];
            return action(buffer[..Encoding.UTF8.GetBytes(text, buffer)], state);
        }

        return action(Encoding.UTF8.GetBytes(text), state);
    }
}
