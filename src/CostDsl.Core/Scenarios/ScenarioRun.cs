using CostDsl.Engine;

namespace CostDsl.Scenarios;

/// <summary>One file evaluated side by side: the base spec, then each chosen scenario (its name and run), in the order asked.</summary>
public sealed record ScenarioRun(RunResult Base, IReadOnlyList<(string Name, RunResult Result)> Scenarios)
{
    /// <summary>The label of the base spec's column; not an identifier, so no scenario can take it.</summary>
    public const string BaseLabel = "(base)";

    public string File => Base.File;

    /// <summary>Every run with its column label: the base first.</summary>
    public IEnumerable<(string Name, RunResult Result)> Columns => [(BaseLabel, Base), .. Scenarios];

    /// <summary>1 when any run has an error or a failed assert.</summary>
    public int ExitCode => Columns.Max(c => c.Result.ExitCode);
}
