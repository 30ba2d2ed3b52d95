using System.Text.RegularExpressions;

namespace Blueprint.Infrastructure.Messaging;

/// <summary>Names of queues and topics, and where their failed messages go.</summary>
public static partial class QueueNames
{
    /// <summary>The suffix of a dead-letter queue's name.</summary>
    public const string DeadLetterSuffix = ".dead-letter";

    /// <summary>The queue that receives messages of <paramref name="queueOrTopic"/> that failed every attempt.</summary>
    public static string DeadLetterOf(string queueOrTopic) => queueOrTopic + DeadLetterSuffix;

    internal static string Validate(string name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameterName);
        return Valid().IsMatch(name)
            ? name
            : throw new ArgumentException($"'{name}' is not a valid queue or topic name: use 1–200 letters, digits, '.', '-' or '_', not starting with 'amq.'.", parameterName);
    }

    [GeneratedRegex("^(?!amq\\.)[A-Za-z0-9._-]{1,200}$")]
    private static partial Regex Valid();
}
