namespace Blueprint.Capacity.Estimation;

/// <summary>One line of the working: what was computed, how, and the result in the figure's unit.</summary>
public sealed record EstimateStep(string Figure, string Formula, double Value, string Unit);

/// <summary>Requests per second, average and at peak.</summary>
public sealed record Throughput(double Reads, double Writes)
{
    public double Total => Reads + Writes;
}

/// <summary>Bytes per second moved by reads and by writes.</summary>
public sealed record Bandwidth(double ReadBytesPerSecond, double WriteBytesPerSecond)
{
    public double TotalBytesPerSecond => ReadBytesPerSecond + WriteBytesPerSecond;
}

/// <summary>
/// The seeds' capacity estimate (000 §2): throughput, bandwidth and storage, each at average and
/// peak load where it differs, with every step of the working so the arithmetic can be checked.
/// </summary>
public sealed record CapacityEstimate(
    CapacityInputs Inputs,
    double SecondsPerDay,
    Throughput Average,
    Throughput Peak,
    Bandwidth AverageBandwidth,
    Bandwidth PeakBandwidth,
    double StorageBytesPerSecond,
    double StorageBytesPerYear,
    double StorageBytesOverRetention,
    double? StoredDataBytes,
    IReadOnlyList<EstimateStep> Steps);
