namespace Blueprint.CloudStorage.Blocks;

/// <summary>
/// How receiving a body of framed blocks ended: the blocks kept (new, and ones the namespace had),
/// the names of blocks sent unnamed, in order, and, if the batch stopped early, why.
/// </summary>
internal sealed record BatchReceipt(int Stored, int AlreadyStored, IReadOnlyList<string> Names)
{
    /// <summary>The store's refusal that stopped the batch (over quota, a hash or checksum mismatch), or null.</summary>
    public StoreOutcome? Refusal { get; init; }

    /// <summary>Why the body was not a sequence of frames, or null.</summary>
    public string? Malformed { get; init; }

    /// <summary>The blocks of the batch kept: those of the groups before a refusal or a malformed frame.</summary>
    public int Kept => Stored + AlreadyStored;
}
