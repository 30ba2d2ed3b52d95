namespace Blueprint.Capacity.Estimation;

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
