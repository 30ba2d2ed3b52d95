using Blueprint.BuildingBlocks.RateLimiting;

namespace Blueprint.RateLimiting.Redis;

/// <summary>The decision script, embedded: the prelude, every algorithm as a function, and the all-or-nothing driver.</summary>
internal static class LuaScripts
{
    public static string Decide { get; } = string.Join("\n", new[] { "prelude" }.Concat(RateLimitAlgorithms.Names).Append("decide").Select(Read));

    private static string Read(string name)
    {
        using var stream = typeof(LuaScripts).Assembly.GetManifestResourceStream($"lua/{name}.lua")
            ?? throw new InvalidOperationException($"The Lua script {name}.lua is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
