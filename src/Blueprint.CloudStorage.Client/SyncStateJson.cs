using System.Text.Json;
using System.Text.Json.Serialization;

namespace Blueprint.CloudStorage.Client;

/// <summary>The saved state's JSON (web defaults: camelCase names), by generated code.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SyncState))]
internal sealed partial class SyncStateJson : JsonSerializerContext;
