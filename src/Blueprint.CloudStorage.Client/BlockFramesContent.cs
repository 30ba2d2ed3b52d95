using System.Net;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Client;

/// <summary>
/// A request body of framed blocks (<see cref="BlockFrames"/>) written as the source yields them, so
/// an upload of any size is one request that the server stores a group at a time while more
/// arrives, and the client reads the next blocks while the last ones are on the wire. Each block is
/// framed by <paramref name="writeFrame"/>: under its SHA-256, or its checksum.
/// </summary>
internal sealed class BlockFramesContent<TBlock>(IAsyncEnumerable<TBlock> blocks, Func<Stream, TBlock, CancellationToken, Task> writeFrame) : HttpContent
{
    /// <summary>What the source threw, if it did: the HTTP stack reports it only as a failed request.</summary>
    public Exception? SourceError { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    // Frames are gathered into writes of this size: written one by one, a 16 KiB block and its header
    // are two sends (and two chunks of the chunked body) each, 131,072 for a gigabyte.
    private const int WriteBytes = 256 * 1024;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // Not disposed: that would close the request stream, which belongs to the HTTP stack.
        var gathered = new BufferedStream(stream, WriteBytes);
        await using var source = blocks.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await source.MoveNextAsync())
                {
                    await gathered.FlushAsync(cancellationToken);
                    return;
                }
            }
            catch (Exception error)
            {
                SourceError = error;
                throw;
            }

            await writeFrame(gathered, source.Current, cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
