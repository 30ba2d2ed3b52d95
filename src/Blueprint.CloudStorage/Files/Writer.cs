namespace Blueprint.CloudStorage.Files;

/// <summary>Who makes a change, and through which client (a device name, "web", or a share link).</summary>
internal sealed record Writer(string UserId, string Device);
