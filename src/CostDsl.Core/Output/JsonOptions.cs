namespace CostDsl.Output;

/// <summary>What the JSON includes beyond the defaults.</summary>
public sealed record JsonOptions(bool Histogram = false)
{
    public static readonly JsonOptions Default = new();
}
