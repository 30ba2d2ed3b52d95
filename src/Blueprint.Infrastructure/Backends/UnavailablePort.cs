using System.Reflection;

namespace Blueprint.Infrastructure.Backends;

/// <summary>
/// Stands in for a port whose engine is misconfigured: it resolves like any service (so the host
/// and every module start), and every call fails with <see cref="BackendUnavailableException"/>,
/// which the host answers with a 503 naming the setting.
/// </summary>
internal class UnavailablePort : DispatchProxy
{
    private string _reason = "";

    public static T Create<T>(string reason)
        where T : class
    {
        var proxy = Create<T, UnavailablePort>();
        ((UnavailablePort)(object)proxy)._reason = reason;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw new BackendUnavailableException(_reason);
}
