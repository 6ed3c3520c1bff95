using System.Collections.Immutable;

namespace CostDsl.Output.Formats;

/// <summary>Every output format by name, the default first. Names may grow, never silently change meaning.</summary>
public static class OutputFormats
{
    public static readonly IOutputFormat Json = new JsonFormat();

    public static ImmutableArray<IOutputFormat> All { get; } = [Json, new TableFormat(), new CsvFormat(), new MarkdownFormat(), new TsvFormat()];

    public static IEnumerable<string> Names => All.Select(f => f.Name);

    /// <summary>The help text of <c>--format</c>: each name with what it is for.</summary>
    public static string Help => string.Join("; ", All.Select(f => f == Json ? $"{f.Name} (default): {f.Description}" : $"{f.Name}: {f.Description}")) + ".";

    /// <summary>The format named <paramref name="name"/>; null when there is none (the CLI has already refused it).</summary>
    public static IOutputFormat? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}
