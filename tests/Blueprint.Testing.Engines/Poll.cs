namespace Blueprint.Testing.Engines;

/// <summary>
/// The one way the tests wait for something asynchronous: until a condition holds (a delivery, an
/// expiry), failing after a bounded wait, or — for an absence ("nothing more arrived") — checking for
/// a bounded while that a condition never holds, failing the moment it does.
/// </summary>
public static class Poll
{
    private const int DefaultTimeoutMilliseconds = 15_000;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    /// <summary>Polls until <paramref name="condition"/> holds; <paramref name="whyNot"/>, if given, says what the system showed when it did not.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, int timeoutMilliseconds = DefaultTimeoutMilliseconds, string? what = null, Func<Task<string>>? whyNot = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Environment.TickCount64 + timeoutMilliseconds;
        while (!await condition())
        {
            if (Environment.TickCount64 >= deadline)
            {
                var detail = whyNot is null ? "" : " " + await whyNot();
                Assert.Fail($"{what ?? "The condition"} did not hold within {timeoutMilliseconds} ms.{detail}");
            }

            await Task.Delay(Interval);
        }
    }

    public static Task UntilAsync(Func<bool> condition, int timeoutMilliseconds = DefaultTimeoutMilliseconds) =>
        UntilAsync(() => Task.FromResult(condition()), timeoutMilliseconds);

    /// <summary>Polls until <paramref name="probe"/> returns a value, and returns it.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, int timeoutMilliseconds = DefaultTimeoutMilliseconds)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        T? value = null;
        await UntilAsync(async () => (value = await probe()) is not null, timeoutMilliseconds);
        return value!;
    }

    /// <summary>
    /// Checks for <paramref name="quietMilliseconds"/> that <paramref name="happened"/> stays false (a
    /// duplicate, a late delivery, an early answer), failing as soon as it is true.
    /// </summary>
    public static async Task NeverAsync(Func<Task<bool>> happened, string what, int quietMilliseconds = 500)
    {
        ArgumentNullException.ThrowIfNull(happened);
        var until = Environment.TickCount64 + quietMilliseconds;
        do
        {
            Assert.False(await happened(), $"{what}, which must not happen.");
            await Task.Delay(Interval);
        }
        while (Environment.TickCount64 < until);
        Assert.False(await happened(), $"{what}, which must not happen.");
    }

    public static Task NeverAsync(Func<bool> happened, string what, int quietMilliseconds = 500) =>
        NeverAsync(() => Task.FromResult(happened()), what, quietMilliseconds);
}
