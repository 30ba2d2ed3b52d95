using System.Security.Cryptography;
using System.Text;
using Blueprint.Infrastructure.Blobs;

namespace Blueprint.Infrastructure.Tests.Blobs;

/// <summary>The blob port's contract (seed 000 §7.6), run against the file system and S3 alike.</summary>
public abstract class BlobContractTests
{
    private readonly string _prefix = "test-" + Guid.NewGuid().ToString("N")[..12] + "/";

    protected abstract IBlobStore Store { get; }

    /// <summary>The size of an upload part, so the tests can cross it.</summary>
    protected virtual int PartSize => 5 * 1024 * 1024;

    private string Key(string name) => _prefix + name;

    private static MemoryStream Content(string text) => new(Encoding.UTF8.GetBytes(text));

    protected static async Task<byte[]> ReadAllAsync(BlobContent content)
    {
        await using (content)
        {
            using var buffer = new MemoryStream();
            await content.Stream.CopyToAsync(buffer);
            return buffer.ToArray();
        }
    }

    [Fact]
    public async Task Put_ThenRead_ReturnsTheSameBytesAndSize()
    {
        var info = await Store.PutAsync(Key("hello.txt"), Content("hello, blobs"));
        Assert.Equal((Key("hello.txt"), 12L), (info.Key, info.Length));

        var content = await Store.OpenReadAsync(Key("hello.txt"));
        Assert.Equal((0L, 12L, 12L), (content!.Offset, content.Length, content.TotalLength));
        Assert.Equal("hello, blobs", Encoding.UTF8.GetString(await ReadAllAsync(content)));
        Assert.Equal(12, (await Store.GetInfoAsync(Key("hello.txt")))!.Length);
    }

    [Fact]
    public async Task Read_MissingObject_ReturnsNull()
    {
        Assert.Null(await Store.OpenReadAsync(Key("nothing")));
        Assert.Null(await Store.GetInfoAsync(Key("nothing")));
    }

    [Fact]
    public async Task Put_ExistingKey_ReplacesTheWholeObject()
    {
        await Store.PutAsync(Key("doc"), Content("a much longer first version"));
        await Store.PutAsync(Key("doc"), Content("short"));

        Assert.Equal("short", Encoding.UTF8.GetString(await ReadAllAsync((await Store.OpenReadAsync(Key("doc")))!)));
    }

    [Fact]
    public async Task Put_EmptyObject_IsStored()
    {
        await Store.PutAsync(Key("empty"), new MemoryStream());

        Assert.Empty(await ReadAllAsync((await Store.OpenReadAsync(Key("empty")))!));
    }

    [Fact]
    public async Task OpenRead_Range_ReturnsExactlyThoseBytes()
    {
        await Store.PutAsync(Key("digits"), Content("0123456789"));

        var middle = (await Store.OpenReadAsync(Key("digits"), new ByteRange(3, 4)))!;
        Assert.Equal((3L, 4L, 10L), (middle.Offset, middle.Length, middle.TotalLength));
        Assert.Equal("3456", Encoding.UTF8.GetString(await ReadAllAsync(middle)));
        Assert.Equal("789", Encoding.UTF8.GetString(await ReadAllAsync((await Store.OpenReadAsync(Key("digits"), new ByteRange(7)))!)));
        Assert.Equal("89", Encoding.UTF8.GetString(await ReadAllAsync((await Store.OpenReadAsync(Key("digits"), new ByteRange(8, 100)))!)));
    }

    [Fact]
    public async Task OpenRead_RangePastTheEnd_IsRefused()
    {
        await Store.PutAsync(Key("short"), Content("abc"));

        await Assert.ThrowsAsync<BlobRangeException>(() => Store.OpenReadAsync(Key("short"), new ByteRange(3)));
        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(() => Store.OpenReadAsync(Key("short"), new ByteRange(-1)));
    }

    [Fact]
    public async Task Put_LargerThanOnePart_StreamsInPartsAndReadsBackIdentical()
    {
        // Crosses the part size twice and cannot seek, so S3 takes the multipart path with a short last part.
        var data = RandomNumberGenerator.GetBytes((PartSize * 2) + 12345);
        var info = await Store.PutAsync(Key("large.bin"), new ForwardOnlyStream(new MemoryStream(data)));
        Assert.Equal(data.Length, info.Length);

        var read = await ReadAllAsync((await Store.OpenReadAsync(Key("large.bin")))!);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(read));
        var tail = await ReadAllAsync((await Store.OpenReadAsync(Key("large.bin"), new ByteRange(PartSize - 10, 20)))!);
        Assert.Equal(data.AsSpan(PartSize - 10, 20).ToArray(), tail);
    }

    [Fact]
    public async Task Put_ASeekableBodyLargerThanOnePart_ReadsBackIdentical()
    {
        var data = RandomNumberGenerator.GetBytes((PartSize * 2) + 777);
        var info = await Store.PutAsync(Key("seekable.bin"), new MemoryStream(data));

        Assert.Equal(data.Length, info.Length);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await ReadAllAsync((await Store.OpenReadAsync(Key("seekable.bin")))!)));
    }

    [Fact]
    public async Task Put_StreamFailsMidway_LeavesThePreviousObjectIntact()
    {
        await Store.PutAsync(Key("precious"), Content("original"));

        await Assert.ThrowsAsync<IOException>(() => Store.PutAsync(Key("precious"), new FailingStream(bytesBeforeFailure: (PartSize * 2) + 10)));

        Assert.Equal("original", Encoding.UTF8.GetString(await ReadAllAsync((await Store.OpenReadAsync(Key("precious")))!)));
    }

    [Fact]
    public async Task Delete_RemovesAndReportsWhetherItExisted()
    {
        await Store.PutAsync(Key("temp"), Content("x"));

        Assert.True(await Store.DeleteAsync(Key("temp")));
        Assert.False(await Store.DeleteAsync(Key("temp")));
        Assert.Null(await Store.OpenReadAsync(Key("temp")));
    }

    [Fact]
    public async Task List_ByPrefix_ReturnsMatchingKeysInOrdinalOrder()
    {
        foreach (var name in new[] { "b/2", "a/1", "b/10", "c", "b/1" })
        {
            await Store.PutAsync(Key(name), Content(name));
        }

        var underB = await Store.ListAsync(Key("b/")).Select(b => b.Key).ToListAsync();
        Assert.Equal([Key("b/1"), Key("b/10"), Key("b/2")], underB);
        Assert.Equal(5, await Store.ListAsync(_prefix).CountAsync());
        Assert.Empty(await Store.ListAsync(Key("zzz")).ToListAsync());
    }

    /// <summary>
    /// False for a test server that writes an object's bytes and its metadata separately, so racing
    /// overwrites can pair one writer's bytes with another's checksum (s3rver does; S3 does not).
    /// </summary>
    protected virtual bool OverwritesAtomically => true;

    [Fact]
    public async Task Put_ParallelWritersToOneKey_LeaveOneWholeVersion()
    {
        var versions = Enumerable.Range(0, 8).Select(i => new string((char)('a' + i), 50_000)).ToList();
        using var oneAtATime = new SemaphoreSlim(OverwritesAtomically ? versions.Count : 1);
        await Task.WhenAll(versions.Select(v => Task.Run(async () =>
        {
            await oneAtATime.WaitAsync();
            try
            {
                await Store.PutAsync(Key("contended"), Content(v));
            }
            finally
            {
                oneAtATime.Release();
            }
        })));

        var final = Encoding.UTF8.GetString(await ReadAllAsync((await Store.OpenReadAsync(Key("contended")))!));
        Assert.Contains(final, versions);
    }

    [Fact]
    public async Task Put_ParallelWritersToManyKeys_StoreEveryObject()
    {
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => Store.PutAsync(Key($"many/{i:00}"), Content($"object {i}")))));

        Assert.Equal(16, await Store.ListAsync(Key("many/")).CountAsync());
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/../../escape")]
    [InlineData("/absolute")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData(".hidden")]
    [InlineData("back\\slash")]
    [InlineData("nul\0byte")]
    [InlineData("spa ce")]
    [InlineData("")]
    public async Task Keys_Invalid_AreRefusedAndNothingIsWritten(string key)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync(key, Content("x")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.OpenReadAsync(key));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.DeleteAsync(key));
    }

    [Fact]
    public async Task Keys_TooLong_AreRefused() =>
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync(new string('k', BlobKey.MaxLength + 1), Content("x")));

    /// <summary>Yields zeros, then fails as a dropped client connection would.</summary>
    /// <summary>A body read once, front to back, as from a socket: it cannot seek and has no length.</summary>
    internal sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class FailingStream(long bytesBeforeFailure) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= bytesBeforeFailure)
            {
                throw new IOException("The client went away.");
            }

            var n = (int)Math.Min(count, bytesBeforeFailure - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
