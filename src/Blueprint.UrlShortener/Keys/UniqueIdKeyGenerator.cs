using Blueprint.BuildingBlocks.Ids;
using Blueprint.Ids.Contracts;

namespace Blueprint.UrlShortener.Keys;

/// <summary>
/// Design b (003 §8): the Base62 text of a Snowflake ID from this host's leased worker id — unique
/// across hosts by construction, with no database round trip and no collision to check. The keys
/// are 10–11 characters and time-ordered, so they are guessable; designs a and c are not.
/// </summary>
internal sealed class UniqueIdKeyGenerator(IUniqueIds ids) : IKeyGenerator
{
    public const string Name = "unique-id";

    public string Design => Name;

    public async Task<string> NextAsync(KeyRequest request, int attempt, CancellationToken cancellationToken) =>
        Base62.Encode((ulong)await ids.NextAsync(cancellationToken));
}
