namespace Blueprint.CloudStorage.Tests;

/// <summary>Content for tests: random, but the same for the same seed.</summary>
internal static class TestBytes
{
    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
