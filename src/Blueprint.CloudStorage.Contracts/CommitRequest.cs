using System.Diagnostics.CodeAnalysis;

namespace Blueprint.CloudStorage.Contracts;

/// <summary>A new version of a file at <c>Path</c>, written against <c>ParentVersion</c> (none for a new file); <c>OnConflict</c> is "copy" to keep a conflicted copy instead of failing.</summary>
public sealed record CommitRequest(string? Path, [AllowNull] string? ParentVersion, IReadOnlyList<BlockEntryDto>? Blocks, string? OnConflict = null);
