using Blueprint.Modules;
using Microsoft.Extensions.Options;

namespace Blueprint.Identity.Contracts;

/// <summary>Refuses to start a host whose modules need the user service when it neither runs here nor is named by <c>Identity:Url</c>.</summary>
internal sealed class UserServiceCheck(IUserService users, IOptions<UserServiceOptions> options) : IModuleStartupCheck
{
    public void Verify()
    {
        if (users is RemoteUserService && options.Value.Url is null)
        {
            throw new ModuleConfigurationException(
                $"A module of this host accepts the user service's callers, but the identity module does not run here and {UserServiceOptions.Section}:Url is not set. " +
                "Add identity to --modules, or set Identity:Url to the address of a host that runs it.");
        }
    }
}
