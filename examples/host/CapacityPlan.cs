namespace CostDsl.Examples.Host;

/// <summary>What the planner answers for one head count.</summary>
public sealed record CapacityPlan(int Users, double Gpus, double BudgetUsd, bool WithinBudget, IReadOnlyList<string> Problems);
