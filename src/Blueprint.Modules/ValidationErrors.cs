namespace Blueprint.Modules;

/// <summary>The errors of a ValidationProblem from per-field checks, each null when the field is fine.</summary>
public static class ValidationErrors
{
    /// <summary>The fields whose check gave a reason, each with that reason.</summary>
    public static Dictionary<string, string[]> Of(params (string Field, string? Error)[] checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        return checks.Where(c => c.Error is not null).ToDictionary(c => c.Field, c => new[] { c.Error! });
    }
}
