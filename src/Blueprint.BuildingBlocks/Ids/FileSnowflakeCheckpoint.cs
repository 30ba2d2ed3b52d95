using System.Globalization;

namespace Blueprint.BuildingBlocks.Ids;

/// <summary>
/// A checkpoint in a small file, written to a temporary file, flushed to disk and renamed over the
/// old one, so a crash leaves either the old or the new reservation, never a torn one.
/// </summary>
public sealed class FileSnowflakeCheckpoint : ISnowflakeCheckpoint
{
    private readonly string _path;

    /// <summary>Uses (and creates on first save) the file at <paramref name="path"/>.</summary>
    public FileSnowflakeCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
    }

    /// <inheritdoc />
    public long Load()
    {
        if (!File.Exists(_path))
        {
            return 0;
        }

        var text = File.ReadAllText(_path).Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"The Snowflake checkpoint {_path} holds '{text}', not a timestamp. Delete it only if no ID from this worker can be newer than the clock.");
    }

    /// <inheritdoc />
    public void Save(long reservedUntilMilliseconds)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(reservedUntilMilliseconds.ToString(CultureInfo.InvariantCulture));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }
}
