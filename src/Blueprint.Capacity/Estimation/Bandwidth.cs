namespace Blueprint.Capacity.Estimation;

/// <summary>Bytes per second moved by reads and by writes.</summary>
public sealed record Bandwidth(double ReadBytesPerSecond, double WriteBytesPerSecond)
{
    public double TotalBytesPerSecond => ReadBytesPerSecond + WriteBytesPerSecond;
}
