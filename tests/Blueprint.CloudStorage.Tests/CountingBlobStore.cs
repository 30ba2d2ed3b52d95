using Blueprint.Infrastructure.Blobs;
using Microsoft.Extensions.DependencyInjection;

namespace Blueprint.CloudStorage.Tests;

/// <summary>The host's real blob store, counting the reads made of it.</summary>
internal sealed class CountingBlobStore(IBlobStore inner, CountingBlobStore.Counter reads) : IBlobStore
{
    public sealed class Counter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public void Add() => Interlocked.Increment(ref _count);
    }

    /// <summary>Wraps the blob store the host registered.</summary>
    public static void Install(IServiceCollection services, Counter reads)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IBlobStore));
        services.Remove(registered);
        services.AddSingleton<IBlobStore>(provider => new CountingBlobStore(
            registered.ImplementationInstance as IBlobStore
                ?? registered.ImplementationFactory?.Invoke(provider) as IBlobStore
                ?? (IBlobStore)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!),
            reads));
    }

    public Task<BlobInfo> PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

    public Task<BlobContent?> OpenReadAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        reads.Add();
        return inner.OpenReadAsync(key, range, cancellationToken);
    }

    public Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<BlobInfo> ListAsync(string prefix = "", CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);
}
