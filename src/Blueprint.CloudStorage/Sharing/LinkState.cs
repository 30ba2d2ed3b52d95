namespace Blueprint.CloudStorage.Sharing;

internal enum LinkState
{
    Valid,
    Unknown,
    Expired,
}
