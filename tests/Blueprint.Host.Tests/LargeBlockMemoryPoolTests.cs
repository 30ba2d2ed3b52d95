using System.Security.Cryptography;
using Blueprint.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Blueprint.Host.Tests;

/// <summary>Kestrel's buffers come from <see cref="LargeBlockMemoryPool"/>: 64 KiB blocks, reused.</summary>
public sealed class LargeBlockMemoryPoolTests
{
    [Fact]
    public void Rent_GivesWholeBlocks_ReusesReturnedOnes_AndRefusesMoreThanABlock()
    {
        using var pool = new LargeBlockMemoryPool();

        var first = pool.Rent(100);
        var memory = first.Memory;
        Assert.Equal(LargeBlockMemoryPool.BlockLength, memory.Length);
        Assert.Equal(LargeBlockMemoryPool.BlockLength, pool.Rent().Memory.Length);
        first.Dispose();
        first.Dispose(); // a second dispose must not return the block twice
        var again = pool.Rent(LargeBlockMemoryPool.BlockLength);
        var other = pool.Rent(1);

        Assert.True(again.Memory.Span.Overlaps(memory.Span));
        Assert.False(other.Memory.Span.Overlaps(memory.Span));
        Assert.Throws<ObjectDisposedException>(() => first.Memory);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(LargeBlockMemoryPool.BlockLength + 1));
    }

    [Fact]
    public async Task Kestrel_ReadsBodiesThroughThePool_IntactUnderParallelClients()
    {
        // Built as the host builds itself (Kestrel's services first, then the defaults), on a real port.
        var builder = WebApplication.CreateBuilder();
        builder.AddBlueprintDefaults();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapPost("/digest", async (HttpRequest request) =>
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[100_000];
            int read;
            while ((read = await request.Body.ReadAsync(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }

            return Convert.ToHexStringLower(sha.GetHashAndReset());
        });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        // Bodies from empty to 9 MiB, odd lengths, eight at a time: each must arrive byte for byte.
        var sizes = new[] { 0, 1, 4095, 65_537, 1_000_003, 9 * 1024 * 1024 };
        var sends = Enumerable.Range(0, 8).SelectMany(round => sizes.Select(async size =>
        {
            var body = new byte[size];
            Random.Shared.NextBytes(body);
            using var response = await client.PostAsync(new Uri("/digest", UriKind.Relative), new ByteArrayContent(body));
            response.EnsureSuccessStatusCode();
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), await response.Content.ReadAsStringAsync());
            return (long)size;
        }));

        var sent = (await Task.WhenAll(sends)).Sum();

        // The bodies were read through the pool's blocks: at least one rent per 64 KiB that came in.
        var pools = Assert.IsType<LargeBlockMemoryPool.Factory>(app.Services.GetRequiredService<IMemoryPoolFactory<byte>>()).Made;
        Assert.InRange(pools.Sum(pool => pool.Rented), sent / LargeBlockMemoryPool.BlockLength, long.MaxValue);
    }

    [Fact]
    public async Task TheHostsDefaults_GiveKestrelThisPool()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddBlueprintDefaults();
        await using var app = builder.Build();

        Assert.IsType<LargeBlockMemoryPool.Factory>(app.Services.GetRequiredService<IMemoryPoolFactory<byte>>());
    }
}
