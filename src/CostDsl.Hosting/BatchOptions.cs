namespace CostDsl.Hosting;

/// <summary>What <c>costdsl batch</c> was asked to do.</summary>
public sealed class BatchOptions
{
    /// <summary>The folder whose .cost files are evaluated (dot-folders and linked folders are not entered).</summary>
    public string Input { get; set; } = string.Empty;

    /// <summary>Where OUT/&lt;relative path&gt;.json and OUT/index.json go.</summary>
    public string Output { get; set; } = string.Empty;

    /// <summary>After the first pass, keep evaluating what changes until the host stops.</summary>
    public bool Watch { get; set; }

    /// <summary>How long the files must stay quiet before a change is evaluated: an editor's save is several events.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The part of the specs this batch evaluates (<c>--shard K/N</c>); the others are left to other runs and joined by <c>costdsl merge</c>.</summary>
    public BatchShard Shard { get; set; } = BatchShard.Whole;

    /// <summary>
    /// A spec with a warning (a plausibility warning, CD08xx) fails as one with an error does: its
    /// status is <c>error</c> and the batch exits 1, as <c>eval --warnings-as-errors</c> does.
    /// </summary>
    public bool WarningsAsErrors { get; set; }
}
