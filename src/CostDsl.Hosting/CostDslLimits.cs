namespace CostDsl.Hosting;

/// <summary>
/// What one file may cost. A file that goes past a limit stops with diagnostic CD0003 naming the
/// limit; the others go on. The defaults leave room for any real spec and stop runaway ones.
/// </summary>
public sealed class CostDslLimits
{
    /// <summary>The largest .cost file (root or import) that is read at all, in bytes.</summary>
    public long MaxSourceBytes { get; set; } = 1024 * 1024;

    public int MaxSamples { get; set; } = 1_000_000;

    /// <summary>Wall time for parsing, checking and evaluating one file with its imports.</summary>
    public TimeSpan MaxEvaluationTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most evaluation steps a file may need, as bounded by the checker before it runs (CD0005).</summary>
    public long MaxSteps { get; set; } = CostDsl.Limits.CostLimits.DefaultMaxSteps;

    /// <summary>The most bytes a file's values may hold at once, as bounded by the checker before it runs (CD0006).</summary>
    public long MaxMemoryBytes { get; set; } = CostDsl.Limits.CostLimits.DefaultMaxMemoryBytes;

    /// <summary>The static limits as the engine takes them, named by their settings in messages.</summary>
    internal CostDsl.Limits.CostLimits Static => new()
    {
        MaxSteps = MaxSteps,
        MaxMemoryBytes = MaxMemoryBytes,
        StepsSetting = "CostDsl:Limits:MaxSteps",
        MemorySetting = "CostDsl:Limits:MaxMemoryBytes",
    };

    /// <summary>The largest MaxEvaluationTime accepted: a day is beyond any real spec, and timers cannot count past about 24 days.</summary>
    public static TimeSpan LongestEvaluationTime { get; } = TimeSpan.FromDays(1);
}
