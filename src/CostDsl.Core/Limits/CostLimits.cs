namespace CostDsl.Limits;

/// <summary>
/// What one spec may cost, known before it runs: the checker's bound of evaluation steps and of
/// memory (<see cref="CostBound"/>) is compared with these, and a spec over either is refused with a
/// diagnostic that names the limit and the spec's figure. The defaults leave room for any real spec
/// (the bundled examples need under 10^5 steps and a few MB) and refuse runaway ones before they run.
/// </summary>
public sealed record CostLimits
{
    /// <summary>10^7 steps: an interpreted step costs about 0.1-1 µs, so this is seconds, not hours.</summary>
    public const long DefaultMaxSteps = 10_000_000;

    /// <summary>1 GiB of values held at once: what one machine of a shared CI runner can spare.</summary>
    public const long DefaultMaxMemoryBytes = 1L << 30;

    public static readonly CostLimits Default = new();

    /// <summary>Expression nodes evaluated, after user functions are expanded at every call (each on a whole vector).</summary>
    public long MaxSteps { get; init; } = DefaultMaxSteps;

    /// <summary>Bytes of values held at once: live vectors x points x samples x 8 B.</summary>
    public long MaxMemoryBytes { get; init; } = DefaultMaxMemoryBytes;

    /// <summary>How <see cref="MaxSteps"/> is set where the spec runs (<c>--max-steps</c>, or a host's setting), for messages.</summary>
    public string StepsSetting { get; init; } = "--max-steps";

    /// <summary>How <see cref="MaxMemoryBytes"/> is set where the spec runs, for messages.</summary>
    public string MemorySetting { get; init; } = "--max-memory";

    /// <summary>Why these limits cannot work, or null: a limit below 1 would refuse every spec.</summary>
    public string? Problem() =>
        MaxSteps < 1 ? $"{StepsSetting} must be at least 1 (it is {MaxSteps})"
        : MaxMemoryBytes < 1 ? $"{MemorySetting} must be at least 1 byte (it is {MaxMemoryBytes})"
        : null;
}
