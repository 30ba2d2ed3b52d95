namespace Blueprint.UrlShortener.Keys;

/// <summary>Where new short keys come from; the seeds describe three designs (key ranges, a unique ID, a hash).</summary>
internal interface IKeyGenerator
{
    /// <summary>The design's name, as configured and reported.</summary>
    string Design { get; }

    /// <summary>A key never issued before.</summary>
    Task<string> NextAsync(CancellationToken cancellationToken);
}
