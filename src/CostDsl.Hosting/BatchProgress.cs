namespace CostDsl.Hosting;

/// <summary>Where a pass stands: files done (evaluated or up to date) out of all, and how many failed.</summary>
public readonly record struct BatchProgress(int Done, int Total, int Failed, int Skipped);
