namespace Blueprint.CloudStorage.Contracts;

/// <summary>What a write did: "committed", "unchanged" (a retried commit) or "conflicted-copy" (kept beside the winner).</summary>
public sealed record WriteResponse(string Outcome, FileResponse File, IReadOnlyList<FileResponse> Files);
