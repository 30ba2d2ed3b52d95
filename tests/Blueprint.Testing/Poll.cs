namespace Blueprint.Testing;

/// <summary>Waits for a condition that becomes true asynchronously (a delivery, an expiry), failing after a bounded wait.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, int timeoutMilliseconds = 15_000)
    {
        var deadline = Environment.TickCount64 + timeoutMilliseconds;
        while (!await condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"The condition did not hold within {timeoutMilliseconds} ms.");
            await Task.Delay(25);
        }
    }

    public static Task UntilAsync(Func<bool> condition, int timeoutMilliseconds = 15_000) =>
        UntilAsync(() => Task.FromResult(condition()), timeoutMilliseconds);
}
