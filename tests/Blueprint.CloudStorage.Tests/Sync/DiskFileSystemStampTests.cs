using Blueprint.CloudStorage.Client;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>
/// When a file's stamp can be trusted to change with its next write (<see cref="LocalFile.Settled"/>):
/// the file system's clock is coarse, so a write in the same tick as the last one leaves the stamp
/// as it was.
/// </summary>
public sealed class DiskFileSystemStampTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Full(string path) => Path.Combine(_folder.Path, path);

    [Fact]
    public void AStampOlderThanTheClock_IsSettled_AndOneAheadOfItIsNot()
    {
        var files = new DiskFileSystem(_folder.Path);
        File.WriteAllText(Full("old.txt"), "old");
        File.WriteAllText(Full("ahead.txt"), "ahead");
        File.SetLastWriteTimeUtc(Full("old.txt"), TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-1));
        File.SetLastWriteTimeUtc(Full("ahead.txt"), TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(1));

        Assert.True(files.Info("old.txt")!.Settled);
        Assert.False(files.Info("ahead.txt")!.Settled);
        var listed = files.List().ToDictionary(f => f.Path);
        Assert.True(listed["old.txt"].Settled);
        Assert.False(listed["ahead.txt"].Settled);
        Assert.Equal(File.GetLastWriteTimeUtc(Full("old.txt")).Ticks, listed["old.txt"].ModifiedTicks);
    }

    [Fact]
    public async Task ASettledStamp_ChangesWithTheNextWrite_EvenOneRightAfterIt()
    {
        // Writes as fast as they come, so on a coarse clock many fall in the same tick: a stamp called
        // settled must never be one that a rewrite of the same size leaves unchanged. (Since Linux
        // 6.13 a write after a look at the stamp always gets a finer one, so there this holds anyway.)
        var files = new DiskFileSystem(_folder.Path);
        for (var i = 0; i < 200; i++)
        {
            var written = await files.WriteAtomicallyAsync("file.bin", s => s.WriteAsync(BitConverter.GetBytes(i)).AsTask(), CancellationToken.None);
            File.WriteAllBytes(Full("file.bin"), BitConverter.GetBytes(-i - 1));
            var looked = files.Info("file.bin")!;
            File.WriteAllBytes(Full("file.bin"), BitConverter.GetBytes(i + 1_000_000));
            var after = files.Info("file.bin")!;

            Assert.False(written.Settled && written.ModifiedTicks == looked.ModifiedTicks, $"write {i}: a settled stamp survived a rewrite");
            Assert.False(looked.Settled && looked.ModifiedTicks == after.ModifiedTicks, $"look {i}: a settled stamp survived a rewrite");
        }
    }

    [Fact]
    public async Task AFileWrittenLongBeforeItIsPutInPlace_IsSettled()
    {
        // The write is over well before the file is put in place: the clock has moved past its stamp.
        var files = new DiskFileSystem(_folder.Path);
        var written = await files.WriteAtomicallyAsync("slow.bin", async s =>
        {
            await s.WriteAsync(new byte[] { 1, 2, 3 });
            await s.FlushAsync();
            await Task.Delay(50);
        }, CancellationToken.None);

        Assert.True(written.Settled);
        Assert.Equal(3, written.Size);
        Assert.Equal(File.GetLastWriteTimeUtc(Full("slow.bin")).Ticks, written.ModifiedTicks);
    }
}
