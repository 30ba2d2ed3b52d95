using Blueprint.CloudStorage.Api;
using Blueprint.CloudStorage.Blocks;
using Blueprint.CloudStorage.Changes;
using Blueprint.CloudStorage.Files;
using Blueprint.CloudStorage.History;
using Blueprint.CloudStorage.Maintenance;
using Blueprint.CloudStorage.Namespaces;
using Blueprint.CloudStorage.Sharing;
using Blueprint.Identity.Contracts;
using Blueprint.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Blueprint.CloudStorage;

/// <summary>Cloud storage and file sync (seed 000 §7.3, §7.4, §7.6, §8.3; 003 §15): blocks, metadata, versions, changes, history.</summary>
public static class CloudStorageModule
{
    /// <summary>How the host runs this system.</summary>
    public static BlueprintModule Descriptor { get; } = new("cloud-storage", "Cloud storage and file sync (Dropbox)", "000 §7.3, §7.4, §7.6, §8.3; 003 §15", "Blueprint.CloudStorage")
    {
        PagePath = "/files",
        ApiTag = "Cloud storage",
        Note = "Sync a folder with blueprint sync FOLDER. The API at /api/storage: blocks, commits, versions, trash, moves, changes (long poll and server-sent events), shared folders, download links, a hash-chained history.",
        Add = b => b.AddCloudStorage(),
        Map = e => e.MapCloudStorage(),
    };

    public static IHostApplicationBuilder AddCloudStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBlueprintAuthentication();
        builder.Services.AddOptions<CloudStorageOptions>().Bind(builder.Configuration.GetSection(CloudStorageOptions.Section));
        builder.Services.AddSingleton<StorageDatabase>();
        builder.Services.AddSingleton<NamespaceKeys>();
        builder.Services.AddSingleton<NamespaceStore>();
        builder.Services.AddSingleton<BlockStore>();
        builder.Services.AddSingleton<HistoryLedger>();
        builder.Services.AddSingleton<FileStore>();
        builder.Services.AddSingleton<NamespaceTransfer>();
        builder.Services.AddSingleton<MemberStore>();
        builder.Services.AddSingleton<ShareLinkStore>();
        builder.Services.AddSingleton<ChangeNotifier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChangeNotifier>());
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<StorageMaintenance>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StorageMaintenance>());
        return builder;
    }

    public static IEndpointRouteBuilder MapCloudStorage(this IEndpointRouteBuilder app)
    {
        var storage = app.MapGroup("/api/storage")
            .WithTags("Cloud storage")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        storage.MapNamespaceApi();
        var ns = storage.MapGroup("/ns/{ns}").ResolvingNamespace();
        ns.MapBlockApi();
        ns.MapFileApi();
        ns.MapUploadApi();
        ns.MapChangeApi();
        ns.MapHistoryApi();
        ns.MapMemberApi();
        app.MapPublicLinks();
        app.MapEmbeddedPage("/files", typeof(CloudStorageModule).Assembly, "page/files.html");
        return app;
    }
}
