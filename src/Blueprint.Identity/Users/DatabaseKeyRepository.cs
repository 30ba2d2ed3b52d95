using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Blueprint.Identity.Users;

/// <summary>
/// Keeps the data-protection key ring (which seals refresh tokens, cookies and the token signing keys) in the user service's database,
/// so every host behind the load balancer opens what any other host sealed.
/// </summary>
internal sealed class DatabaseKeyRepository(IdentityDatabase database) : IXmlRepository
{
    // IXmlRepository is synchronous by contract; it is called rarely (key ring refresh, about daily).
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Database.OpenConnectionAsync().AsTask().GetAwaiter().GetResult();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY name").Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.Database.OpenConnectionAsync().AsTask().GetAwaiter().GetResult();
        connection.Execute(
            "INSERT INTO data_protection_keys (name, xml) VALUES (@Name, @Xml) ON CONFLICT (name) DO NOTHING",
            new { Name = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
