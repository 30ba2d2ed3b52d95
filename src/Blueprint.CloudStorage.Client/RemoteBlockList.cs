using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Client;

/// <summary>A version's blocks, written against the base version asked for when there was one.</summary>
public sealed record RemoteBlockList(RemoteFile File, string? Base, IReadOnlyList<BlockListEntry> Entries, IReadOnlyList<string> Missing);
