namespace Blueprint.BuildingBlocks;

/// <summary>
/// The exception for an options object whose one setting is wrong: the parameter named is the
/// option at fault (e.g. "WorkerId"), so a caller sees which setting to fix.
/// </summary>
internal static class InvalidOption
{
    public static ArgumentOutOfRangeException For(string option, string message) => new(option, message);
}
