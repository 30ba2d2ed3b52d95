namespace Blueprint.Capacity.Estimation;

/// <summary>Requests per second, average and at peak.</summary>
public sealed record Throughput(double Reads, double Writes)
{
    public double Total => Reads + Writes;
}
