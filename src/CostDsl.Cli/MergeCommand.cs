using System.CommandLine;
using CostDsl.Diagnostics;
using CostDsl.Hosting;

namespace CostDsl.Cli;

/// <summary>
/// <c>costdsl merge PART... --out DIR</c>: joins the output folders of <c>costdsl batch --shard K/N</c>
/// (every K once) into one folder, byte for byte what the unsharded batch writes; or, given the JSON
/// files of <c>costdsl eval --sweep ... --shard K/N</c>, joins them into the one JSON of the unsharded
/// sweep (to --out FILE, or standard output). Parts that do not belong together are refused with a
/// diagnostic each, and nothing is written. Exit 0 when merged and every spec is clean, 1 when refused
/// or a spec has an error or a failed assert, 2 on bad usage.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(CliIO io)
    {
        var parts = new Argument<string[]>("PART") { Description = "The parts: batch output folders, or the JSON files of a sharded sweep.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "The merged folder (it must be empty or absent), or for sweep parts the merged JSON file (default: standard output)." };
        var command = new Command("merge", "Join the parts of a sharded batch (folders) or of a sharded sweep (JSON files) into one.");
        command.Arguments.Add(parts);
        command.Options.Add(output);
        command.SetAction(parse => Run(io, parse.GetValue(parts)!, parse.GetValue(output)));
        return command;
    }

    private static int Run(CliIO io, string[] parts, string? output)
    {
        var folders = parts.Count(Directory.Exists);
        var files = parts.Count(File.Exists);
        if (folders + files < parts.Length)
        {
            io.Error.WriteLine($"costdsl: merge: not found: {string.Join(", ", parts.Where(p => !Directory.Exists(p) && !File.Exists(p)))}");
            return ExitCodes.Usage;
        }

        if (folders > 0 && files > 0)
        {
            io.Error.WriteLine("costdsl: merge: give either batch output folders or sweep JSON files, not both");
            return ExitCodes.Usage;
        }

        return folders > 0 ? MergeFolders(io, parts, output) : MergeSweeps(io, parts, output);
    }

    private static int MergeFolders(CliIO io, string[] parts, string? output)
    {
        if (output is null)
        {
            io.Error.WriteLine("costdsl: merge: batch parts need --out DIR, the folder to merge them into");
            return ExitCodes.Usage;
        }

        if (IsOneOf(parts, output))
        {
            io.Error.WriteLine($"costdsl: merge: --out {output} is one of the parts; merge into a new folder");
            return ExitCodes.Usage;
        }

        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));

        // Merging into a folder that holds other results would give a folder no batch writes.
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            io.Error.WriteLine($"costdsl: merge: --out {output} exists and is not an empty folder; merge into a new folder");
            return ExitCodes.Usage;
        }

        try
        {
            var outcome = BatchMerge.Merge(parts, target);
            io.Error.Write(DiagnosticRenderer.RenderAll(outcome.Refusals));
            if (outcome.Merged)
            {
                io.Error.WriteLine($"costdsl: merged {parts.Length} part{(parts.Length == 1 ? string.Empty : "s")}: {outcome.Entries.Count} results in {output}");
            }

            return outcome.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"costdsl: merge: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Whether <paramref name="output"/> names one of <paramref name="parts"/>: writing there would destroy a part before a merge that may need it again.</summary>
    private static bool IsOneOf(string[] parts, string output)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        return parts.Any(p => string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(p)), target, StringComparison.Ordinal));
    }

    private static int MergeSweeps(CliIO io, string[] parts, string? output)
    {
        if (output is not null && IsOneOf(parts, output))
        {
            io.Error.WriteLine($"costdsl: merge: --out {output} is one of the parts; write the merged JSON to a new file");
            return ExitCodes.Usage;
        }

        var texts = new List<(string, string)>();
        foreach (var part in parts)
        {
            try
            {
                texts.Add((part, Files.SafeRead.ReadText(part)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Files.FileTooLargeException)
            {
                io.Error.WriteLine($"costdsl: merge: cannot read {part}: {e.Message}");
                return ExitCodes.Failure;
            }
        }

        var outcome = SweepMerge.Merge(texts);
        io.Error.Write(DiagnosticRenderer.RenderAll(outcome.Refusals));
        if (outcome.Json is not { } json)
        {
            return ExitCodes.Failure;
        }

        if (output is null)
        {
            io.Output.Write(json);
        }
        else if (!io.TryWriteFile(output, json))
        {
            return ExitCodes.Failure;
        }

        // As costdsl eval exits on the whole sweep: 1 when it has an error or a failed assert.
        return Newtonsoft.Json.Linq.JObject.Parse(json)["diagnostics"]!.Any(d => (string?)d["severity"] == "error") ? ExitCodes.Failure : ExitCodes.Success;
    }
}
