namespace CostDsl.Output;

/// <summary>How much of an output's variance each uncertain input explains, largest first.</summary>
public sealed record Sensitivity(string Output, IReadOnlyList<SensitivityInput> Inputs);

/// <summary>An uncertain input (named by the let or field it is written in) and its share of the variance, 0 to 1.</summary>
public sealed record SensitivityInput(string Name, double Share);
