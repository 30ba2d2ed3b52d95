namespace Blueprint.CloudStorage.Client;

/// <summary>A write's outcome, the files it touched, and for <see cref="RemoteOutcome.MissingBlocks"/> which blocks to upload.</summary>
public sealed record RemoteWrite(RemoteOutcome Outcome, RemoteFile? File, IReadOnlyList<string> Missing, string? Reason);
