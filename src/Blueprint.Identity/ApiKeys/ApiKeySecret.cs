using System.Security.Cryptography;
using System.Text;
using Blueprint.Identity.Contracts;

namespace Blueprint.Identity.ApiKeys;

/// <summary>
/// API key format and hashing. A key is <c>bpk_</c> + 8 characters shown in listings + '_' + 43
/// secret characters (32 random bytes). Keys carry 256 bits of entropy, so a single SHA-256 is a
/// safe way to store them (a slow password hash protects low-entropy secrets; these are not), and
/// lookup by hash is one indexed read.
/// </summary>
internal static class ApiKeySecret
{
    private const string Scheme = ApiKeyFormat.Prefix;

    public static (string Key, string Prefix, string Hash) Create()
    {
        var prefix = Base64Url(RandomNumberGenerator.GetBytes(6));
        var key = $"{Scheme}{prefix}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        return (key, Scheme + prefix, Hash(key));
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
