namespace CostDsl.LanguageServer.Server;

/// <summary>How the server evaluates and how long it waits after a keystroke.</summary>
public sealed record ServerOptions
{
    /// <summary>Few samples keep hover quick while typing; <c>costdsl eval --samples 1000</c> gives the same numbers.</summary>
    public const int DefaultSamples = 1_000;

    public int Samples { get; init; } = DefaultSamples;

    public int Seed { get; init; } = Engine.EvaluationOptions.DefaultSeed;

    /// <summary>The pause after a change before it is analysed: a burst of keystrokes is analysed once.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The pause after a check before the spec is evaluated (its evaluation errors published, its
    /// values computed), unless a hover asks for values sooner: typing is not slowed by Monte Carlo.
    /// </summary>
    public TimeSpan EvaluationDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The folder paths are shown relative to (as if <c>costdsl</c> ran there); by default the editor's workspace folder, else the current one.</summary>
    public string? WorkspaceRoot { get; init; }
}
