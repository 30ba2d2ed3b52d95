using Microsoft.Extensions.Logging;

namespace Blueprint.Infrastructure.Messaging;

internal static partial class DeliveryPolicy
{
    public const string AttemptHeader = "x-blueprint-attempt";
    public const string LastErrorHeader = "x-blueprint-last-error";

    public static async Task<(DeliveryOutcome Outcome, string? Error)> RunAsync(
        MessageHandler handler, ReceivedMessage message, int maxAttempts, ILogger logger, string destination, CancellationToken stopping)
    {
        try
        {
            await handler(message, stopping);
            return (DeliveryOutcome.Acknowledge, null);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return (DeliveryOutcome.Abandon, null);
        }
#pragma warning disable CA1031 // Any handler failure is a failed attempt; the message must not be lost.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var final = message.Attempt >= maxAttempts;
            LogHandlerFailed(logger, ex, destination, message.Id, message.Attempt, maxAttempts);
            return (final ? DeliveryOutcome.DeadLetter : DeliveryOutcome.Retry, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>The application's headers plus the attempt number to record and the last error.</summary>
    public static Dictionary<string, string> FailureHeaders(ReceivedMessage message, string? error, int attempt) =>
        new(message.Headers)
        {
            [AttemptHeader] = attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [LastErrorHeader] = Truncate(error ?? "", 500),
        };

    public static int AttemptFrom(IReadOnlyDictionary<string, string> headers) =>
        headers.TryGetValue(AttemptHeader, out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var attempt) && attempt > 0
            ? attempt
            : 1;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler for {Destination} failed on message {MessageId}, attempt {Attempt} of {MaxAttempts}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string destination, string messageId, int attempt, int maxAttempts);
}
