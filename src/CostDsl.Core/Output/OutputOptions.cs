namespace CostDsl.Output;

/// <summary>
/// What an output format includes beyond the defaults, whatever the format: every format gets it,
/// and each reads what applies to it (the JSON and the table show <see cref="Histogram"/>; CSV and Markdown have no place for it).
/// </summary>
public sealed record OutputOptions(bool Histogram = false)
{
    public static readonly OutputOptions Default = new();
}
