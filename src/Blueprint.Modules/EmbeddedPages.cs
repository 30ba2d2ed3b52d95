using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blueprint.Modules;

/// <summary>Serves a module's page from an HTML file embedded in its assembly, so a system project carries its own page.</summary>
public static class EmbeddedPages
{
    public static RouteHandlerBuilder MapEmbeddedPage(this IEndpointRouteBuilder app, string path, Assembly assembly, string resource)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} embeds no resource '{resource}'.");
        using var reader = new StreamReader(stream);
        var html = reader.ReadToEnd();
        return app.MapGet(path, () => Results.Content(html, "text/html; charset=utf-8")).ExcludeFromDescription();
    }
}
