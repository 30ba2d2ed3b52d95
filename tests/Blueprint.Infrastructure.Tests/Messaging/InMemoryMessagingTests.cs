using Blueprint.Infrastructure.Messaging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Blueprint.Infrastructure.Tests.Messaging;

public sealed class InMemoryMessagingTests : MessagingContractTests
{
    private readonly InMemoryMessageBus _bus = new(NullLogger<InMemoryMessageBus>.Instance);

    protected override IMessageBus Bus => _bus;

    public override async Task DisposeAsync() => await _bus.DisposeAsync();
}
