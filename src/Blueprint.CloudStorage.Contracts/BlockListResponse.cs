namespace Blueprint.CloudStorage.Contracts;

/// <summary>A version's blocks — against <c>Base</c> when one was given — and which blocks the client lacks.</summary>
public sealed record BlockListResponse(FileResponse File, string Version, string? Base, IReadOnlyList<BlockEntryDto> Blocks, IReadOnlyList<string> Missing);
