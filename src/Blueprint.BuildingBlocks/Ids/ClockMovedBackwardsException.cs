namespace Blueprint.BuildingBlocks.Ids;

/// <summary>
/// The clock is further behind the last issued timestamp than the generator may wait out. Issuing
/// anyway could repeat an ID, so the generator refuses until the clock is fixed or catches up.
/// </summary>
public sealed class ClockMovedBackwardsException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ClockMovedBackwardsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ClockMovedBackwardsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ClockMovedBackwardsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How far behind the clock is.</summary>
    public TimeSpan Behind { get; init; }
}
