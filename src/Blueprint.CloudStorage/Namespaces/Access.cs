namespace Blueprint.CloudStorage.Namespaces;

/// <summary>What a member may do in a namespace, weakest first.</summary>
internal enum Access
{
    Read = 1,
    Write = 2,
    Owner = 3,
}
