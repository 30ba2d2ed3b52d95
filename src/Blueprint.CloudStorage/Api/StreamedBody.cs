using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;

namespace Blueprint.CloudStorage.Api;

/// <summary>
/// Lifts Kestrel's 30 MB request body limit from routes that read their body as a stream and bound
/// what they keep themselves (a batch stored a group at a time, a file a block at a time): an upload
/// of any size is one request. Endpoint routing applies the metadata before the handler reads.
/// </summary>
internal static class StreamedBody
{
    private static readonly AnySize Metadata = new();

    public static RouteHandlerBuilder AcceptsBodyOfAnySize(this RouteHandlerBuilder route) => route.WithMetadata(Metadata);

    private sealed class AnySize : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => null;
    }
}
