namespace Blueprint.CloudStorage.Files;

/// <summary>A change's outcome: the file as it now is, or what stood in the way.</summary>
internal sealed record WriteResult(WriteOutcome Outcome, FileEntry? File = null, IReadOnlyList<string>? Missing = null, FileEntry? Current = null, string? Reason = null, IReadOnlyList<FileEntry>? Files = null)
{
    public static WriteResult Done(WriteOutcome outcome, FileEntry file) => new(outcome, file, Files: [file]);

    public static WriteResult Fail(WriteOutcome outcome, string reason, FileEntry? current = null) => new(outcome, Current: current, Reason: reason);
}
