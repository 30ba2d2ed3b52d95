namespace Blueprint.CloudStorage.Blocks;

/// <summary>Where a block's sealed bytes are: a blob of its own, or a range of a pack.</summary>
internal sealed record BlobLocation(string BlobKey, long BlobOffset, long StoredLength)
{
    public const string Columns = "b.blob_key AS BlobKey, CAST(b.blob_offset AS BIGINT) AS BlobOffset, CAST(b.stored_length AS BIGINT) AS StoredLength";
}
