using Blueprint.BuildingBlocks.Ids;

namespace Blueprint.BuildingBlocks.Tests.Ids;

public sealed class FileSnowflakeCheckpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("snowflake-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_NoFileYet_IsZero() => Assert.Equal(0, new FileSnowflakeCheckpoint(Path.Combine(_directory, "w1")).Load());

    [Fact]
    public void Save_ThenLoadInANewInstance_GivesTheReservation()
    {
        var path = Path.Combine(_directory, "nested", "w1");
        new FileSnowflakeCheckpoint(path).Save(123_456_789);
        new FileSnowflakeCheckpoint(path).Save(123_456_999);

        Assert.Equal(123_456_999, new FileSnowflakeCheckpoint(path).Load());
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Load_DamagedFile_SaysWhichFileAndWhy()
    {
        var path = Path.Combine(_directory, "w1");
        File.WriteAllText(path, "yesterday");

        var error = Assert.Throws<InvalidDataException>(() => new FileSnowflakeCheckpoint(path).Load());
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
