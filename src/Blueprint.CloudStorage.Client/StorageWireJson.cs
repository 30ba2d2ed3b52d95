using System.Text.Json;
using System.Text.Json.Serialization;
using Blueprint.CloudStorage.Contracts;

namespace Blueprint.CloudStorage.Client;

/// <summary>
/// The storage API's JSON (Blueprint.CloudStorage.Contracts) as HttpStorageRemote sends and reads it:
/// web defaults, nulls left out, serialized by generated code rather than reflection, which emits
/// and compiles code at start-up: a short-lived command pays for that on every run.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
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
