using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.Identity.Tests;

public sealed class TokenExpiryTests
{
    [Fact]
    public async Task BearerToken_AfterItsLifetime_Is401()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        using var factory = new BlueprintFactory([], services => services.AddSingleton<TimeProvider>(time));
        var client = new IdentityClient(factory.CreateClient());
        var token = await client.SignUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/identity/profile", token)).StatusCode);

        time.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Get, "/api/identity/profile", token)).StatusCode);
    }
}
