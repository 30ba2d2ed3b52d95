using Blueprint.Infrastructure.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;

namespace Blueprint.Infrastructure.Tests.Messaging;

public sealed class RabbitMqMessagingTests : MessagingContractTests
{
    private readonly RabbitMqConnection _connection = new(new ConnectionFactory { Uri = new Uri(RealEngines.RabbitMq) });
    private readonly RabbitMqMessageBus _bus;

    public RabbitMqMessagingTests() => _bus = new RabbitMqMessageBus(_connection, NullLogger<RabbitMqMessageBus>.Instance);

    protected override IMessageBus Bus => _bus;

    [Fact]
    public async Task WorkQueue_MessagesSurviveTheSendersConnection()
    {
        var queue = "test." + Guid.NewGuid().ToString("N")[..12] + ".durable";
        await using (var sender = new RabbitMqConnection(new ConnectionFactory { Uri = new Uri(RealEngines.RabbitMq) }))
        await using (var senderBus = new RabbitMqMessageBus(sender, NullLogger<RabbitMqMessageBus>.Instance))
        {
            await senderBus.SendAsync(queue, new Message("kept"u8.ToArray()));
        }

        Assert.Equal(1, await Bus.CountWaitingAsync(queue));
    }

    public override async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
