namespace Blueprint.CloudStorage.Client.Execution;

/// <summary>The local file is no longer what the plan saw: the action is skipped, and the next pass plans it again.</summary>
internal sealed class LocalChangedException(string message) : Exception(message);
