namespace Blueprint.Capacity.Estimation;

/// <summary>A named set of inputs taken from a system's design in the seeds.</summary>
public sealed record CapacityPreset(string Name, string System, string SeedSection, CapacityInputs Inputs);
