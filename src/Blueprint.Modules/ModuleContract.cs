using Microsoft.Extensions.Hosting;

namespace Blueprint.Modules;

/// <summary>
/// A service one module offers others through an interface of its contracts project (the ID
/// service's <c>IUniqueIds</c>), with how to register it in a host that needs it.
/// </summary>
/// <param name="Service">The contract's interface.</param>
/// <param name="AddInProcess">Registers the provider in this host; safe to call again (the providing module's own Add calls it too).</param>
public sealed record ModuleContract(Type Service, Action<IHostApplicationBuilder> AddInProcess);
