namespace Blueprint.CloudStorage.Namespaces;

internal static class AccessNames
{
    public static string Name(Access access) => access switch
    {
        Access.Owner => "owner",
        Access.Write => "write",
        _ => "read",
    };

    public static Access Parse(string name) => name switch
    {
        "owner" => Access.Owner,
        "write" => Access.Write,
        "read" => Access.Read,
        _ => throw new InvalidOperationException($"Unknown access '{name}'."),
    };
}
