using Blueprint.CloudStorage.Client.Planning;

namespace Blueprint.CloudStorage.Client.Execution;

/// <summary>Carries out a plan's actions, one at a time.</summary>
internal interface IActionExecutor
{
    /// <summary>Runs one action and saves the state; a problem that a later pass may solve is returned, not thrown.</summary>
    Task<SyncAction?> ExecuteAsync(PlannedAction action, CancellationToken cancellationToken);

    /// <summary>The last refusal, when the folder refused the action at <paramref name="path"/> too often in this sync to try it again.</summary>
    SyncAction? GivenUp(string path);
}
