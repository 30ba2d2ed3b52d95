namespace Blueprint.CloudStorage.Maintenance;

/// <summary>What one maintenance pass did.</summary>
internal sealed record MaintenanceResult(
    int VersionsThinned, int FilesPurged, int BlocksCollected, long BytesCollected, int OrphansRemoved, int PacksCompacted = 0, long BytesCompacted = 0, int RetiredPacksDropped = 0);
