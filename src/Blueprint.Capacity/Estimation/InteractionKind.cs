namespace Blueprint.Capacity.Estimation;

/// <summary>What the interactions per user count: the seeds infer the other side from the read:write ratio.</summary>
public enum InteractionKind
{
    /// <summary>Interactions are reads; writes = reads ÷ ratio (seed 000 §8.2).</summary>
    Reads,

    /// <summary>Interactions are writes; reads = writes × ratio (seed 000 §8.3).</summary>
    Writes,
}
