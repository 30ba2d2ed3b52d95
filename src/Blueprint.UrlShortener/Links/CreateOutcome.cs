namespace Blueprint.UrlShortener.Links;

/// <summary>How a create ended.</summary>
internal enum CreateOutcome
{
    Created,

    /// <summary>The caller had shortened this URL already: its live link comes back.</summary>
    Existing,

    /// <summary>The alias belongs to another link.</summary>
    AliasTaken,
}
