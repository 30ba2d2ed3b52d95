using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Blueprint.Identity.Tests;

/// <summary>The user service end to end over HTTP, on the embedded database and on PostgreSQL.</summary>
public abstract class IdentityApiTests : IDisposable
{
    private readonly BlueprintFactory _factory;
    private readonly IdentityClient _client;

    protected IdentityApiTests(Dictionary<string, string?> settings)
    {
        _factory = new BlueprintFactory(settings);
        _client = new IdentityClient(_factory.CreateClient());
    }

    protected BlueprintFactory Factory => _factory;

    [Fact]
    public async Task RegisterThenLogin_IssuesABearerTokenThatOpensTheProfile()
    {
        var email = IdentityClient.NewEmail();
        var token = await _client.SignUpAsync(email);

        var profile = await _client.SendAsync(HttpMethod.Get, "/api/identity/profile", token);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal(email, (await profile.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task Login_UnknownEmailAndWrongPassword_AreIndistinguishable()
    {
        var email = IdentityClient.NewEmail();
        await _client.RegisterAsync(email);

        var wrongPassword = await _client.LoginAsync(email, "Wrong-password-1");
        var unknownEmail = await _client.LoginAsync(IdentityClient.NewEmail(), "Wrong-password-1");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
        Assert.Equal(await Problem(wrongPassword), await Problem(unknownEmail));
    }

    [Fact]
    public async Task Login_FiveFailures_LockTheAccountAndTheAnswerStaysTheSame()
    {
        var email = IdentityClient.NewEmail();
        await _client.RegisterAsync(email);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await _client.LoginAsync(email, "Wrong-password-1")).StatusCode);
        }

        var locked = await _client.LoginAsync(email);
        var unknown = await _client.LoginAsync(IdentityClient.NewEmail());

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(await Problem(unknown), await Problem(locked));
    }

    [Fact]
    public async Task Register_TakenEmail_AnswersLikeANewOneAndChangesNothing()
    {
        var email = IdentityClient.NewEmail();
        Assert.Equal(HttpStatusCode.OK, (await _client.RegisterAsync(email)).StatusCode);

        var again = await _client.RegisterAsync(email, "Another-pass-7");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.LoginAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.LoginAsync(email, "Another-pass-7")).StatusCode);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("alllowercase-no-digits")]
    public async Task Register_WeakPassword_Is400SayingWhy(string password)
    {
        var response = await _client.RegisterAsync(IdentityClient.NewEmail(), password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Password", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_MalformedJson_Is400ProblemDetails()
    {
        using var body = new StringContent("{\"email\": ", System.Text.Encoding.UTF8, "application/json");
        var response = await _client.Http.PostAsync(new Uri("/api/identity/register", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Profile_WithoutAValidToken_Is401(string? token)
    {
        var response = await _client.SendAsync(HttpMethod.Get, "/api/identity/profile", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Profile_DisplayName_IsUpdatedAndValidated()
    {
        var token = await _client.SignUpAsync();

        var updated = await _client.SendAsync(HttpMethod.Put, "/api/identity/profile", token, new { displayName = "  Ada Lovelace " });
        Assert.Equal("Ada Lovelace", (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("displayName").GetString());

        var tooLong = await _client.SendAsync(HttpMethod.Put, "/api/identity/profile", token, new { displayName = new string('x', 101) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var profile = await _client.SendAsync(HttpMethod.Get, "/api/identity/profile", token);
        Assert.Equal("Ada Lovelace", (await profile.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task ApiKey_CreatedByItsOwner_SignsInUntilRevoked()
    {
        var token = await _client.SignUpAsync();
        var created = await _client.SendAsync(HttpMethod.Post, "/api/identity/api-keys", token, new { name = "backup script" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("key").GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(HttpMethod.Get, "/api/identity/profile", apiKey: secret)).StatusCode);
        var listed = await (await _client.SendAsync(HttpMethod.Get, "/api/identity/api-keys", token)).Content.ReadAsStringAsync();
        Assert.Contains("backup script", listed);
        Assert.DoesNotContain(secret, listed);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendAsync(HttpMethod.Delete, $"/api/identity/api-keys/{id}", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(HttpMethod.Get, "/api/identity/profile", apiKey: secret)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(HttpMethod.Delete, $"/api/identity/api-keys/{id}", token)).StatusCode);
    }

    [Fact]
    public async Task ApiKey_AnotherUsersKey_CannotBeSeenOrRevoked()
    {
        var owner = await _client.SignUpAsync();
        var stranger = await _client.SignUpAsync();
        var created = await (await _client.SendAsync(HttpMethod.Post, "/api/identity/api-keys", owner, new { name = "mine" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("key").GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(HttpMethod.Delete, $"/api/identity/api-keys/{id}", stranger)).StatusCode);
        Assert.Equal("[]", await (await _client.SendAsync(HttpMethod.Get, "/api/identity/api-keys", stranger)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(HttpMethod.Get, "/api/identity/profile", apiKey: created.GetProperty("secret").GetString())).StatusCode);
    }

    [Theory]
    [InlineData("bpk_forged_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("garbage")]
    public async Task ApiKey_Unknown_Is401(string key) =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(HttpMethod.Get, "/api/identity/profile", apiKey: key)).StatusCode);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ApiKey_BlankName_Is400(string name)
    {
        var token = await _client.SignUpAsync();
        var response = await _client.SendAsync(HttpMethod.Post, "/api/identity/api-keys", token, new { name });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("[]", await (await _client.SendAsync(HttpMethod.Get, "/api/identity/api-keys", token)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_ParallelClientsForOneEmail_CreateExactlyOneAccount()
    {
        var email = IdentityClient.NewEmail();
        // Four contenders: the three losing passwords stay below the lockout threshold of five failures.
        var passwords = Enumerable.Range(0, 4).Select(i => $"Parallel-pass-{i}").ToList();

        await Task.WhenAll(passwords.Select(p => _client.RegisterAsync(email, p)));

        var working = 0;
        foreach (var password in passwords)
        {
            working += (await _client.LoginAsync(email, password)).StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.Equal(1, working);
    }

    private static async Task<string> Problem(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return $"{problem.GetProperty("title").GetString()}|{problem.GetProperty("detail").GetString()}";
    }

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class EmbeddedIdentityApiTests() : IdentityApiTests([]);

public sealed class PostgresIdentityApiTests() : IdentityApiTests(RealEngineSettings.Postgres())
{
    [Fact]
    public async Task Token_IssuedByOneHost_IsAcceptedByAnother()
    {
        using var otherHost = new BlueprintFactory(RealEngineSettings.Postgres());
        var first = new IdentityClient(Factory.CreateClient());
        var second = new IdentityClient(otherHost.CreateClient());

        var email = IdentityClient.NewEmail();
        var token = await first.SignUpAsync(email);

        Assert.Equal(HttpStatusCode.OK, (await second.SendAsync(HttpMethod.Get, "/api/identity/profile", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.LoginAsync(email)).StatusCode);
    }
}
