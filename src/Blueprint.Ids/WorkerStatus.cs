namespace Blueprint.Ids;

/// <summary>What a host issues IDs under.</summary>
/// <param name="DatacenterId">Its datacenter.</param>
/// <param name="WorkerId">Its worker id; null while it has none.</param>
/// <param name="Leased">True when the worker id is leased from the shared store rather than configured.</param>
/// <param name="LeaseValidUntil">When the lease lapses unless renewed.</param>
/// <param name="ReservedUntil">The timestamp up to which this worker's IDs are reserved in the checkpoint.</param>
/// <param name="Epoch">Time zero of the timestamps.</param>
/// <param name="Layout">Bits of timestamp/datacenter/worker/sequence.</param>
public sealed record WorkerStatus(int DatacenterId, int? WorkerId, bool Leased, DateTimeOffset? LeaseValidUntil, DateTimeOffset? ReservedUntil, DateTimeOffset Epoch, string Layout);
