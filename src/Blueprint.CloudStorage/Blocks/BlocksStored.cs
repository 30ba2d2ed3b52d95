namespace Blueprint.CloudStorage.Blocks;

/// <summary>How storing a batch of blocks ended, and how many of them were new and how many the namespace had.</summary>
internal readonly record struct BlocksStored(StoreOutcome Outcome, int Stored, int AlreadyStored);
