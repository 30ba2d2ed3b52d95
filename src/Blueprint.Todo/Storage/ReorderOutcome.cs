namespace Blueprint.Todo.Storage;

/// <summary>How a reorder ended.</summary>
internal enum ReorderOutcome
{
    Reordered,
    NotFound,

    /// <summary>The ids given are not exactly the current members.</summary>
    Mismatch,
}
