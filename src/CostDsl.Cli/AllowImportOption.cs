using System.CommandLine;
using CostDsl.Engine;
using CostDsl.Modules;
using CostDsl.Semantics;

namespace CostDsl.Cli;

/// <summary>
/// <c>--allow-import DIR</c>, on every command that reads specs: a folder besides the root spec's own
/// folder tree (and the bundled std/ library) that imports may read. Nothing else widens it: no
/// settings file in the current folder, no environment variable.
/// </summary>
internal static class AllowImportOption
{
    public static Option<string[]> Create() => new("--allow-import")
    {
        Description = "A folder imports may read besides the spec's own folder tree and std/. Repeatable.",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Wall time for one spec on the command line, as a batch's default MaxEvaluationTime: no spec runs forever.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);

    /// <summary>The engine of one command line, confined to what it allows and held to <see cref="TimeLimit"/>.</summary>
    public static CostEngine Engine(ParseResult parse, Option<string[]> option) => new(Sources(parse, option)) { TimeLimit = TimeLimit };

    public static FileSystemSources Sources(ParseResult parse, Option<string[]> option) =>
        new(parse.GetValue(option) ?? [], Files.SafeRead.DefaultMaxBytes);
}
