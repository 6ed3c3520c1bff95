namespace CostDsl.Validation;

/// <summary>One measured figure of one case and what the model made of it; <see cref="File"/> is the file as given.</summary>
public sealed record ValidationRow(string File, string CaseId, string Group, MetricEstimate Estimate);
