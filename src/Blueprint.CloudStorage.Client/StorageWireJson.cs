using System.Text.Json;
using System.Text.Json.Serialization;
using Blueprint.CloudStorage.Contracts;

namespace Blueprint.CloudStorage.Client;

/// <summary>
/// The storage API's JSON (Blueprint.CloudStorage.Contracts) as HttpStorageRemote sends and reads it:
/// web defaults, nulls left out, serialized by generated code rather than reflection, which emits
/// and compiles code at start-up: a short-lived command pays for that on every run. An answer that
/// leaves out a field the contract requires, or sends null where it may not, is not the storage
/// API's: it fails to read (and is reported as the server unavailable) rather than reaching the
/// engine as a null it would trip over.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ChangesResponse))]
[JsonSerializable(typeof(CompareBlocksResponse))]
[JsonSerializable(typeof(UnnamedBatchResponse))]
[JsonSerializable(typeof(WriteResponse))]
[JsonSerializable(typeof(LongPollResponse))]
[JsonSerializable(typeof(StorageProblem))]
[JsonSerializable(typeof(BlockListResponse))]
[JsonSerializable(typeof(CompareBlocksRequest))]
[JsonSerializable(typeof(CommitRequest))]
[JsonSerializable(typeof(CreateFolderRequest))]
[JsonSerializable(typeof(MoveRequest))]
[JsonSerializable(typeof(UpdateRequest))]
internal sealed partial class StorageWireJson : JsonSerializerContext;
