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

/// <summary>A node and its weight: a node of weight 2 should hold twice the keys of a node of weight 1.</summary>
/// <param name="Name">The node's name, which is also what is hashed to place it.</param>
/// <param name="Weight">Its relative capacity; 1 by default.</param>
public readonly record struct WeightedNode(string Name, double Weight = 1);
