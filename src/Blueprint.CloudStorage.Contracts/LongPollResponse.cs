namespace Blueprint.CloudStorage.Contracts;

/// <summary>Whether the namespace changed after the cursor before the poll timed out.</summary>
public sealed record LongPollResponse(bool Changes, long Cursor);
