using Blueprint.Infrastructure.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Blueprint.Infrastructure.Backends;

/// <summary>Chooses the message bus: RabbitMQ when <c>ConnectionStrings:RabbitMq</c> (an amqp:// URI) is set, in-process channels otherwise.</summary>
internal static class MessagingBackend
{
    public const string Port = "messaging";
    public const string Setting = "ConnectionStrings:RabbitMq";

    public static BackendDescription Register(IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[Setting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var embedded = new BackendDescription(Port, "in-process", true, null, "this process's memory (not durable)");
            services.AddSingleton<IMessageBus, InMemoryMessageBus>();
            services.AddProbe(embedded, (_, _) => Task.CompletedTask);
            return embedded;
        }

        ConnectionFactory factory;
        try
        {
            factory = new ConnectionFactory
            {
                Uri = new Uri(connectionString, UriKind.Absolute),
                AutomaticRecoveryEnabled = true,
                TopologyRecoveryEnabled = true,
                RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            };
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException)
        {
            var broken = new BackendDescription(Port, "RabbitMQ", false, Setting, "(unparsable)", BackendRegistration.Misconfigured(Setting, "RabbitMQ amqp:// URI", ex));
            services.AddUnavailable(broken, typeof(IMessageBus));
            return broken;
        }

        var connection = new RabbitMqConnection(factory);
        var real = new BackendDescription(Port, "RabbitMQ", false, Setting, connection.Endpoint);
        services.AddSingleton(connection);
        services.AddSingleton<IMessageBus, RabbitMqMessageBus>();
        services.AddProbe(real, async (sp, ct) => await sp.GetRequiredService<RabbitMqConnection>().GetAsync(ct));
        return real;
    }
}
