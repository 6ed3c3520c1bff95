namespace CostDsl.Units;

/// <summary>A unit: how many base units it is (<see cref="Scale"/>) and of what <see cref="Dimension"/>.</summary>
public sealed record Unit(string Name, double Scale, Dimension Dimension);
