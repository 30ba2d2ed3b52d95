namespace Blueprint.UrlShortener.Keys;

/// <summary>Where new short keys come from; the seeds describe three designs (key ranges, a unique ID, a hash).</summary>
internal interface IKeyGenerator
{
    /// <summary>The design's name, as configured and reported.</summary>
    string Design { get; }

    /// <summary>
    /// A key for <paramref name="request"/>. <paramref name="attempt"/> counts from 1; a later attempt
    /// follows a key that turned out to be taken (the insert refused it) and must give another.
    /// </summary>
    Task<string> NextAsync(KeyRequest request, int attempt, CancellationToken cancellationToken);

    /// <summary>Told when a key was stored, so a design that remembers issued keys (the hash's Bloom filter) can.</summary>
    void Issued(string key)
    {
    }

    /// <summary>
    /// How much of the design's key space is left, counted in the database: keys it can still issue
    /// at its current key length and (key ranges) ranges nobody has claimed. Neither for a design whose
    /// space is bounded by time rather than by count (unique IDs).
    /// </summary>
    Task<KeySpace> KeySpaceAsync(CancellationToken cancellationToken) => Task.FromResult(new KeySpace(Design, null, null));
}
