namespace Blueprint.BuildingBlocks.Hashing;

/// <summary>One scheme's figures from <see cref="HashingSimulation"/>.</summary>
/// <param name="Scheme">The scheme.</param>
/// <param name="Nodes">Nodes before the change.</param>
/// <param name="Keys">Keys placed.</param>
/// <param name="LoadStdDevOverMean">Standard deviation of keys per node, divided by the mean.</param>
/// <param name="MaxOverMean">The busiest node's keys divided by the mean.</param>
/// <param name="MovedOnJoin">Share of keys that changed node when one node joined.</param>
/// <param name="IdealMovedOnJoin">The least that must move: 1/(N+1).</param>
/// <param name="MovedOnLeave">Share of keys that changed node when the last node left.</param>
/// <param name="IdealMovedOnLeave">The least that must move: 1/N.</param>
/// <param name="LookupNanoseconds">Mean time per lookup (per placement for bounded loads), measured here.</param>
public sealed record SchemeResult(
    string Scheme,
    int Nodes,
    int Keys,
    double LoadStdDevOverMean,
    double MaxOverMean,
    double MovedOnJoin,
    double IdealMovedOnJoin,
    double MovedOnLeave,
    double IdealMovedOnLeave,
    double LookupNanoseconds);
