using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Blueprint.UrlShortener.Api;

/// <summary>Puts <see cref="RedirectFastPath"/> at the very front of the host's pipeline.</summary>
internal sealed class RedirectFastPathStartup : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<RedirectFastPath>();
        next(app);
    };
}
