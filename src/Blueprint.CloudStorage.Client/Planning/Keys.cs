using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>Path keys as the server matches them.</summary>
internal static class Keys
{
    public static string Of(string path) => SyncPath.KeyOf(path);
}
