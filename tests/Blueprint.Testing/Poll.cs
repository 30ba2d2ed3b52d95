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

    /// <summary>Polls until <paramref name="probe"/> returns a value, and returns it.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, int timeoutMilliseconds = 15_000)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        T? value = null;
        await UntilAsync(async () => (value = await probe()) is not null, timeoutMilliseconds);
        return value!;
    }

    public static Task UntilAsync(Func<bool> condition, int timeoutMilliseconds = 15_000) =>
        UntilAsync(() => Task.FromResult(condition()), timeoutMilliseconds);
}
