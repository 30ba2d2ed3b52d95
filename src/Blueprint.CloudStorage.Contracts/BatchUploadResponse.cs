namespace Blueprint.CloudStorage.Contracts;

/// <summary>How many blocks of a batch were stored, and how many the namespace had already.</summary>
public sealed record BatchUploadResponse(int Stored, int AlreadyStored);
