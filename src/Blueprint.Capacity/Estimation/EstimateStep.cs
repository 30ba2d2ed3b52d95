namespace Blueprint.Capacity.Estimation;

/// <summary>One line of the working: what was computed, how, and the result in the figure's unit.</summary>
public sealed record EstimateStep(string Figure, string Formula, double Value, string Unit);
