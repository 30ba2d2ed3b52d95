namespace Blueprint.BuildingBlocks.Hashing;

/// <summary>A scheme that maps a key's hash (<see cref="KeyHash"/>) to one of a set of nodes.</summary>
public interface INodeLocator
{
    /// <summary>The scheme's name, e.g. "ring" or "jump".</summary>
    string Scheme { get; }

    /// <summary>The nodes, in the order they were given.</summary>
    IReadOnlyList<string> Nodes { get; }

    /// <summary>The node that owns the key whose hash is <paramref name="keyHash"/>.</summary>
    string NodeFor(ulong keyHash);
}
