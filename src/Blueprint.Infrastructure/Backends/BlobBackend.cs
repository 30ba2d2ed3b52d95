using Amazon.Runtime;
using Amazon.S3;
using Blueprint.Infrastructure.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Blueprint.Infrastructure.Backends;

/// <summary>Chooses the blob engine: S3-compatible storage when <c>Blobs:S3:ServiceUrl</c> is set, files under the data directory otherwise.</summary>
internal static class BlobBackend
{
    public const string Port = "blobs";
    public const string Setting = "Blobs:S3:ServiceUrl";

    public static BackendDescription Register(IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var options = configuration.GetSection(S3BlobOptions.Section).Get<S3BlobOptions>() ?? new S3BlobOptions();
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            var root = Path.Combine(dataDirectory, "blobs");
            var embedded = new BackendDescription(Port, "file system", true, null, root);
            var store = new FileSystemBlobStore(root);
            services.AddSingleton<IBlobStore>(store);
            services.AddProbe(embedded, (_, _) =>
            {
                Directory.CreateDirectory(root);
                return Task.CompletedTask;
            });
            return embedded;
        }

        if (!Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("http" or "https"))
        {
            var broken = new BackendDescription(Port, "S3", false, Setting, "(unparsable)", $"{Setting} must be an absolute http(s) URL; it is '{options.ServiceUrl}'.");
            services.AddUnavailable(broken, typeof(IBlobStore));
            return broken;
        }

        var real = new BackendDescription(Port, "S3", false, Setting, $"{serviceUrl.GetLeftPart(UriPartial.Authority)}/{options.Bucket}");
        services.AddSingleton(_ => CreateClient(options));
        services.AddSingleton(sp => new S3BlobStore(sp.GetRequiredService<IAmazonS3>(), options));
        services.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<S3BlobStore>());
        services.AddProbe(real, (sp, ct) => sp.GetRequiredService<S3BlobStore>().PingAsync(ct));
        return real;
    }

    internal static IAmazonS3 CreateClient(S3BlobOptions options, HttpClientFactory? httpClients = null)
    {
        var config = new AmazonS3Config
        {
            HttpClientFactory = httpClients,
            ServiceURL = options.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = options.Region,
            // Many S3-compatible servers do not understand the SDK's default trailing checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = TimeSpan.FromSeconds(30),
            MaxErrorRetry = 2,
            // The SDK reads a body to send it in pieces of this size, 8 KiB by default: a 32 MiB pack
            // went out in 4,096 socket writes, and the host made 131,850 sends a gigabyte uploaded
            // (2,638 now). See docs/systems/cloud-storage.md for what it saved.
            BufferSize = 1024 * 1024,
        };
        AWSCredentials credentials = options.AccessKey is { Length: > 0 } accessKey
            ? new BasicAWSCredentials(accessKey, options.SecretKey ?? "")
            : new AnonymousAWSCredentials();
        return new AmazonS3Client(credentials, config);
    }
}
