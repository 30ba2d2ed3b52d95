namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>The base of every key's state: the lock its decisions take.</summary>
public abstract class KeyState
{
    internal Lock Gate { get; } = new();
}
