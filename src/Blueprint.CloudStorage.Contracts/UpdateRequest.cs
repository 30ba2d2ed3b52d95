using System.Diagnostics.CodeAnalysis;

namespace Blueprint.CloudStorage.Contracts;

/// <summary>A file whose blocks the client wants, listing the blocks it <c>Have</c>s, against a <c>Base</c> version it holds.</summary>
public sealed record UpdateRequest(string? Path, [AllowNull] IReadOnlyList<string>? Have, [AllowNull] string? Base);
