namespace Blueprint.BuildingBlocks.Hashing;

/// <summary>A node and its weight: a node of weight 2 should hold twice the keys of a node of weight 1.</summary>
/// <param name="Name">The node's name, which is also what is hashed to place it.</param>
/// <param name="Weight">Its relative capacity; 1 by default.</param>
public readonly record struct WeightedNode(string Name, double Weight = 1);
