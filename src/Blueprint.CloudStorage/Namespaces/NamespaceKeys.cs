using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Blueprint.CloudStorage.Namespaces;

/// <summary>
/// Each namespace's AES-256 key (keys per tenant, 003 §15 "encrypted at rest"). The key is stored
/// in the metadata database wrapped by ASP.NET Core Data Protection, whose key ring every host
/// shares through the identity database; so the blob store alone — a stolen bucket — reads as noise.
/// </summary>
internal sealed class NamespaceKeys(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Blueprint.CloudStorage.NamespaceKey.v1");

    // One entry per namespace this host has touched: 32 bytes each, so no eviction is needed at this scale.
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    /// <summary>A fresh key, wrapped for storage.</summary>
    public string NewWrappedKey()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        return Convert.ToBase64String(_protector.Protect(key));
    }

    /// <summary>The namespace's key, unwrapped.</summary>
    public byte[] KeyOf(StorageNamespace ns) =>
        _keys.GetOrAdd(ns.Id, static (_, state) => state.Protector.Unprotect(Convert.FromBase64String(state.Wrapped)), (Protector: _protector, Wrapped: ns.WrappedKey));
}
