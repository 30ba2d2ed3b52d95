using System.Collections.Concurrent;
using System.Text;
using Blueprint.Infrastructure.Messaging;

namespace Blueprint.Infrastructure.Tests.Messaging;

/// <summary>The messaging port's contract (seed 000 §7.5), run against in-process channels and RabbitMQ alike.</summary>
public abstract class MessagingContractTests : IAsyncLifetime
{
    private readonly string _prefix = "test." + Guid.NewGuid().ToString("N")[..12] + ".";

    protected abstract IMessageBus Bus { get; }

    private string Name(string name) => _prefix + name;

    private static Message Text(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string Text(ReceivedMessage message) => Encoding.UTF8.GetString(message.Body.Span);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WorkQueue_SentBeforeAnyConsumer_WaitsAndIsDeliveredWithHeaders()
    {
        var queue = Name("orders");
        await Bus.SendAsync(queue, Text("order-1") with { Id = "id-1", Headers = new Dictionary<string, string> { ["tenant"] = "acme" } });
        Assert.Equal(1, await Bus.CountWaitingAsync(queue));

        var received = new TaskCompletionSource<ReceivedMessage>();
        await using (await Bus.ConsumeAsync(queue, (m, _) => { received.TrySetResult(m); return Task.CompletedTask; }))
        {
            var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(("order-1", "id-1", "acme", 1), (Text(message), message.Id, message.Headers["tenant"], message.Attempt));
        }
    }

    [Fact]
    public async Task WorkQueue_CompetingConsumers_EachMessageHandledExactlyOnce()
    {
        var queue = Name("jobs");
        var handled = new ConcurrentDictionary<string, int>();
        var consumers = new List<IAsyncDisposable>();
        for (var i = 0; i < 3; i++)
        {
            consumers.Add(await Bus.ConsumeAsync(queue, (m, _) => { handled.AddOrUpdate(Text(m), 1, (_, n) => n + 1); return Task.CompletedTask; }, new ConsumerOptions { Concurrency = 2 }));
        }

        // Eight parallel senders, as several hosts would be.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await Bus.SendAsync(queue, Text($"{sender}-{i}"));
            }
        })));

        await Poll.UntilAsync(() => handled.Count == 200);
        await Poll.NeverAsync(() => handled.Values.Any(count => count > 1), "A message was handled twice", 200);
        foreach (var consumer in consumers)
        {
            await consumer.DisposeAsync();
        }
    }

    [Fact]
    public async Task WorkQueue_ConsumerDiesBeforeAcknowledging_MessageGoesToAnotherConsumer()
    {
        var queue = Name("fragile");
        var taken = new TaskCompletionSource();
        var dying = await Bus.ConsumeAsync(queue, async (_, stopping) =>
        {
            taken.TrySetResult();
            await Task.Delay(Timeout.Infinite, stopping); // never finishes: the process "dies" first
        });
        await Bus.SendAsync(queue, Text("survivor"));
        await taken.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await dying.DisposeAsync();
        var redelivered = new TaskCompletionSource<ReceivedMessage>();
        await using (await Bus.ConsumeAsync(queue, (m, _) => { redelivered.TrySetResult(m); return Task.CompletedTask; }))
        {
            Assert.Equal("survivor", Text(await redelivered.Task.WaitAsync(TimeSpan.FromSeconds(10))));
        }
    }

    [Fact]
    public async Task WorkQueue_HandlerFailsOnce_IsRetriedThenAcknowledged()
    {
        var queue = Name("flaky");
        var attempts = new ConcurrentQueue<int>();
        await using (await Bus.ConsumeAsync(queue, (m, _) =>
        {
            attempts.Enqueue(m.Attempt);
            return m.Attempt == 1 ? throw new InvalidOperationException("transient") : Task.CompletedTask;
        }))
        {
            await Bus.SendAsync(queue, Text("retry-me"));
            await Poll.UntilAsync(() => attempts.Count == 2);
            await Poll.NeverAsync(() => attempts.Count > 2, "An acknowledged message was delivered again", 300);
        }

        Assert.Equal([1, 2], attempts);
        Assert.Equal(0, await Bus.CountWaitingAsync(QueueNames.DeadLetterOf(queue)));
    }

    [Fact]
    public async Task WorkQueue_HandlerAlwaysFails_MessageIsDeadLetteredAfterMaxAttempts()
    {
        var queue = Name("poison");
        var attempts = 0;
        await using (await Bus.ConsumeAsync(queue, (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new FormatException("cannot parse");
        }, new ConsumerOptions { MaxAttempts = 3 }))
        {
            await Bus.SendAsync(queue, Text("poison-pill"));
            await Poll.UntilAsync(async () => await Bus.CountWaitingAsync(QueueNames.DeadLetterOf(queue)) == 1);
        }

        Assert.Equal(3, attempts);
        var dead = new TaskCompletionSource<ReceivedMessage>();
        await using (await Bus.ConsumeAsync(QueueNames.DeadLetterOf(queue), (m, _) => { dead.TrySetResult(m); return Task.CompletedTask; }))
        {
            var message = await dead.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("poison-pill", Text(message));
            Assert.Contains("cannot parse", message.Headers[DeliveryPolicy.LastErrorHeader]);
        }
    }

    [Fact]
    public async Task Topic_EverySubscriberGetsEveryMessage()
    {
        var topic = Name("events");
        var inboxes = Enumerable.Range(0, 3).Select(_ => new ConcurrentQueue<string>()).ToArray();
        var subscriptions = new List<IAsyncDisposable>();
        foreach (var inbox in inboxes)
        {
            subscriptions.Add(await Bus.SubscribeAsync(topic, (m, _) => { inbox.Enqueue(Text(m)); return Task.CompletedTask; }));
        }

        var sent = Enumerable.Range(0, 30).Select(i => $"event-{i}").ToList();
        foreach (var text in sent)
        {
            await Bus.PublishAsync(topic, Text(text));
        }

        await Poll.UntilAsync(() => inboxes.All(i => i.Count == sent.Count));
        Assert.All(inboxes, inbox => Assert.Equal(sent, inbox));
        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync();
        }
    }

    [Fact]
    public async Task Topic_WithoutSubscribers_PublishSucceedsAndLaterSubscribersStartFresh()
    {
        var topic = Name("nobody-listens");
        await Bus.PublishAsync(topic, Text("lost"));

        var received = new ConcurrentQueue<string>();
        await using (await Bus.SubscribeAsync(topic, (m, _) => { received.Enqueue(Text(m)); return Task.CompletedTask; }))
        {
            await Bus.PublishAsync(topic, Text("seen"));
            await Poll.UntilAsync(() => !received.IsEmpty);
            await Poll.NeverAsync(() => received.Count > 1, "A message published before the subscription arrived", 200);
        }

        Assert.Equal(["seen"], received);
    }

    [Fact]
    public async Task Topic_DisposedSubscription_StopsReceiving()
    {
        var topic = Name("leaving");
        var received = 0;
        var subscription = await Bus.SubscribeAsync(topic, (_, _) => { Interlocked.Increment(ref received); return Task.CompletedTask; });
        await Bus.PublishAsync(topic, Text("one"));
        await Poll.UntilAsync(() => Volatile.Read(ref received) == 1);

        await subscription.DisposeAsync();
        await Bus.PublishAsync(topic, Text("two"));
        await Poll.NeverAsync(() => Volatile.Read(ref received) > 1, "A disposed subscription received a message", 300);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("amq.reserved")]
    [InlineData("slash/not-allowed")]
    public async Task Names_Invalid_AreRefused(string name)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Bus.SendAsync(name, Text("x")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Bus.PublishAsync(name, Text("x")));
    }
}
