namespace Blueprint.BuildingBlocks.Hashing;

internal static class NodeList
{
    /// <summary>The names as an array, refusing none, blanks and duplicates with the parameter named.</summary>
    public static string[] Distinct(IEnumerable<string> nodes, string parameter = "nodes")
    {
        ArgumentNullException.ThrowIfNull(nodes, parameter);
        var list = nodes.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("At least one node is needed.", parameter);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in list)
        {
            if (string.IsNullOrWhiteSpace(node))
            {
                throw new ArgumentException("A node name is empty.", parameter);
            }

            if (!seen.Add(node))
            {
                throw new ArgumentException($"Node '{node}' is given twice.", parameter);
            }
        }

        return list;
    }
}
