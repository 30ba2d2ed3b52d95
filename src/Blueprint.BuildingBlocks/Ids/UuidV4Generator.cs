namespace Blueprint.BuildingBlocks.Ids;

/// <summary>UUID version 4 (seed 003 §7): 122 random bits, no coordination and no order.</summary>
public sealed class UuidV4Generator : IIdGenerator<Guid>
{
    /// <inheritdoc />
    public string Scheme => "uuid-v4";

    /// <summary>Issues a random UUID.</summary>
    public static Guid Next() => Guid.NewGuid();

    /// <inheritdoc />
    public ValueTask<Guid> NextAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Next());
}
