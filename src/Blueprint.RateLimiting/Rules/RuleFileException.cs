namespace Blueprint.RateLimiting.Rules;

/// <summary>A rules file that cannot be used, with every problem found, each as <c>file:line:column: what</c>.</summary>
public sealed class RuleFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/>.</summary>
    public RuleFileException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    /// <summary>Creates the exception for one problem.</summary>
    public RuleFileException(string problem)
        : this([problem])
    {
    }

    /// <summary>Creates the exception for one problem with its cause.</summary>
    public RuleFileException(string problem, Exception innerException)
        : base(problem, innerException) => Problems = [problem];

    /// <summary>Creates an exception with no problem named.</summary>
    public RuleFileException()
        : this("The rules file cannot be used.")
    {
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<string> Problems { get; }
}
