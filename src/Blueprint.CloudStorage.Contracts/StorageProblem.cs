namespace Blueprint.CloudStorage.Contracts;

/// <summary>
/// What a client reads of the storage API's errors: each is a ProblemDetails with a machine-readable
/// <c>code</c> ("stale", "missing-blocks", "no-file", ...) and, for some, the <c>missing</c> blocks
/// to upload or the <c>current</c> version to commit against.
/// </summary>
public sealed record StorageProblem(string? Code, string? Detail, IReadOnlyList<string>? Missing, FileResponse? Current);
