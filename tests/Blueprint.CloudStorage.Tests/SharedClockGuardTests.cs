using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.CloudStorage.Tests;

/// <summary>
/// The test harness refuses a host with a fake clock on the shared PostgreSQL unless it names its
/// modules: such a clock, moved a day ahead, had cloud storage's collection take blocks that another
/// test class had uploaded and not yet committed.
/// </summary>
public sealed class SharedClockGuardTests
{
    [Fact]
    public void AFakeClockOnTheSharedDatabase_RunningEveryModule_IsRefused()
    {
        using var factory = new BlueprintFactory(
            RealEngineSettings.Postgres(),
            services => services.AddSingleton<TimeProvider>(new FakeTimeProvider()));

        var refused = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Blueprint:Modules", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFakeClockOnTheSharedDatabase_NamingItsModules_Starts()
    {
        using var factory = new BlueprintFactory(
            RealEngineSettings.Postgres().With("Blueprint:Modules", "identity"),
            services => services.AddSingleton<TimeProvider>(new FakeTimeProvider()));
        using var client = factory.CreateClient();

        using var health = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task TheRealClockOnTheSharedDatabase_RunsEveryModule()
    {
        using var factory = new BlueprintFactory(
            RealEngineSettings.Postgres(),
            services => services.AddSingleton(TimeProvider.System));
        using var client = factory.CreateClient();

        using var health = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
