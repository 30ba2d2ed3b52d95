namespace Blueprint.UrlShortener.Links;

/// <summary>How one create ended: the outcome and link, or the reasons per field it was refused.</summary>
internal sealed record CreationResult(CreateOutcome? Outcome, Link? Link, Dictionary<string, string[]> Errors)
{
    public static CreationResult Refused(Dictionary<string, string[]> errors) => new(null, null, errors);
}
