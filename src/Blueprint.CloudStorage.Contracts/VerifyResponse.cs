namespace Blueprint.CloudStorage.Contracts;

/// <summary>Whether the history's hash chain is intact, and where it first breaks if not.</summary>
public sealed record VerifyResponse(bool Valid, long Entries, string Head, long? FirstBadSeq, string? Problem);
