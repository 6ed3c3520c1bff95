using CostDsl.Engine;
using CostDsl.Scenarios;

namespace CostDsl.Output.Formats;

/// <summary>
/// A way to write evaluation results: eval's <c>--format</c>, eval's <c>--out</c> file and the batch host's result files
/// all go through one. A new format is one class implementing this and one line in <see cref="OutputFormats"/>:
/// the CLI's choices, help text and validation come from that list.
/// </summary>
public interface IOutputFormat
{
    /// <summary>The name <c>--format</c> takes (lower case).</summary>
    string Name { get; }

    /// <summary>The extension of a file in this format, with its dot (".json").</summary>
    string FileExtension { get; }

    /// <summary>One phrase for the help text: what the format is for.</summary>
    string Description { get; }

    /// <summary>The results of one run of the command, one per spec file, as this format's text.</summary>
    string Write(IReadOnlyList<RunResult> results, OutputOptions options);

    /// <summary><c>--scenario all</c> (or a list): per spec file, the base run and each scenario's side by side.</summary>
    string WriteComparison(IReadOnlyList<ScenarioRun> runs, OutputOptions options);

    /// <summary>What goes to standard error beside the results, for people, when the results themselves are for machines.</summary>
    string Beside(IReadOnlyList<RunResult> results) => string.Empty;
}
