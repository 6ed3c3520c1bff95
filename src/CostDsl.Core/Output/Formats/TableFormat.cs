using CostDsl.Engine;

namespace CostDsl.Output.Formats;

/// <summary>The aligned plain-text table of <see cref="TableReport"/>, for a terminal.</summary>
internal sealed class TableFormat : IOutputFormat
{
    public string Name => "table";

    public string FileExtension => ".txt";

    public string Description => "aligned text for a terminal";

    public string Write(IReadOnlyList<RunResult> results, JsonOptions options) => string.Concat(results.Select(TableReport.Write));
}
