namespace Blueprint.Hashing;

/// <summary>One node on a drawn ring: its share of the ring and its tokens' positions (0 to 1 round the circle).</summary>
/// <param name="Name">The node.</param>
/// <param name="Share">The fraction of the ring it owns.</param>
/// <param name="Tokens">Its virtual nodes' positions, as fractions of the ring.</param>
public sealed record RingNode(string Name, double Share, IReadOnlyList<double> Tokens);
