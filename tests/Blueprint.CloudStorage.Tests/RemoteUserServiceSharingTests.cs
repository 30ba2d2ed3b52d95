using System.Net;

namespace Blueprint.CloudStorage.Tests;

/// <summary>
/// Sharing on a cloud storage host that does not run the user service: members are found by email,
/// and shown by id and email, through the user service's API on another host.
/// </summary>
public sealed class RemoteUserServiceSharingTests : IDisposable
{
    private readonly BlueprintFactory _identityHost = new(new() { ["Blueprint:Modules"] = "identity" });
    private readonly BlueprintFactory _storageHost;
    private readonly HttpClient _identity;
    private readonly HttpClient _storage;

    public RemoteUserServiceSharingTests()
    {
        var identityAddress = _identityHost.StartOnLoopback();
        _storageHost = new BlueprintFactory(new() { ["Blueprint:Modules"] = "cloud-storage", ["Identity:Url"] = identityAddress.ToString() });
        _identity = new HttpClient { BaseAddress = identityAddress };
        _storage = _storageHost.CreateClient();
    }

    [Fact]
    public async Task Owner_SharesByEmail_WithAUserOfTheOtherHost()
    {
        var (alice, _) = await UserAsync();
        var (bob, bobEmail) = await UserAsync();
        var ns = (await alice.JsonAsync(HttpMethod.Post, "/api/storage/namespaces", new { name = "Team" }, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        await alice.JsonAsync(HttpMethod.Put, $"/api/storage/ns/{ns}/members", new { email = bobEmail, access = "read" });

        var members = await alice.JsonAsync(HttpMethod.Get, $"/api/storage/ns/{ns}/members");
        Assert.Equal(["owner", "read"], members.EnumerateArray().Select(m => m.GetProperty("access").GetString()));
        Assert.Equal(bobEmail, members[1].GetProperty("email").GetString());
        var bobsView = await bob.JsonAsync(HttpMethod.Get, "/api/storage/namespaces");
        Assert.Contains(ns, bobsView.EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        using var nobody = await alice.SendAsync(HttpMethod.Put, $"/api/storage/ns/{ns}/members", new { email = "nobody@example.com", access = "read" });
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
    }

    public void Dispose()
    {
        _identity.Dispose();
        _storageHost.Dispose();
        _identityHost.Dispose();
    }

    private async Task<(SignedInClient User, string Email)> UserAsync()
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        var onIdentity = await SignedInClient.SignUpAsync(_identity, email);
        return (new SignedInClient(_storage, onIdentity.Token), email);
    }
}
