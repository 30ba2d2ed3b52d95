using System.Collections.Frozen;

namespace Blueprint.RateLimiting.Redis;

/// <summary>The algorithms' Lua scripts, embedded, each prefixed with the shared prelude.</summary>
internal static class LuaScripts
{
    private static readonly FrozenDictionary<string, string> Scripts = RedisRateLimitAlgorithm.Algorithms
        .ToFrozenDictionary(a => a, a => Read("prelude") + "\n" + Read(a));

    public static string For(string algorithm) => Scripts[algorithm];

    private static string Read(string name)
    {
        using var stream = typeof(LuaScripts).Assembly.GetManifestResourceStream($"lua/{name}.lua")
            ?? throw new InvalidOperationException($"The Lua script {name}.lua is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
