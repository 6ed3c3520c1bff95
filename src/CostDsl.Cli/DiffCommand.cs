using System.CommandLine;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Tooling.Diffing;

namespace CostDsl.Cli;

/// <summary><c>costdsl diff OLD NEW</c>: what changed between two versions of a spec (files, or REV:path from git).</summary>
internal static class DiffCommand
{
    public static Command Create(CliIO io)
    {
        var oldSpec = new Argument<string>("OLD") { Description = "The old version: a file, or REV:path read with git (HEAD~1:examples/chat.cost)." };
        var newSpec = new Argument<string>("NEW") { Description = "The new version: a file, or REV:path." };
        var format = new Option<string>("--format") { Description = "text (default), json, or markdown (for a pull-request comment).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown");
        var set = new Option<string[]>("--set")
        {
            Description = "Override a let or a Block.field in both versions: PATH=EXPR. Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var failOn = new Option<string[]>("--fail-on")
        {
            Description = "Exit 1 when a condition holds: 'assert' (an assert now fails), 'OUTPUT > +10%', 'any > +25%', 'OUTPUT > +1000 USD', 'OUTPUT < -5%'. Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new Command("diff", "Compare the outputs and assumptions of two versions of a spec.");
        command.Arguments.Add(oldSpec);
        command.Arguments.Add(newSpec);
        command.Options.Add(format);
        command.Options.Add(set);
        var allowImport = AllowImportOption.Create();
        command.Options.Add(allowImport);
        var limits = new LimitOptions();
        limits.AddTo(command);
        command.Options.Add(failOn);
        command.SetAction(parse =>
        {
            var conditions = DiffGateOptions.Parse(parse.GetValue(failOn) ?? [], io);
            if (conditions is null)
            {
                return ExitCodes.Usage;
            }

            var workingTree = AllowImportOption.Sources(parse, allowImport);
            var before = SpecReader.ReadSide(parse.GetValue(oldSpec)!, out var oldProblem, workingTree: workingTree);
            var after = SpecReader.ReadSide(parse.GetValue(newSpec)!, out var newProblem, workingTree: workingTree);
            if (before is null || after is null)
            {
                io.Error.Write(DiagnosticRenderer.RenderAll(new[] { oldProblem, newProblem }.OfType<Diagnostic>()));
                return ExitCodes.Failure;
            }

            var options = new EvaluationOptions { Sets = parse.GetValue(set) ?? [] };
            var diff = DeepStack.Run(() => SpecDiff.Compare(before, after, options, limits.ReadTimeLimit(parse), limits.Read(parse)));
            io.Error.Write(DiagnosticRenderer.RenderAll(diff.Diagnostics));

            // A side with errors (in checking or in evaluating) fails the diff, gate or no gate: what they hide may have changed.
            var code = DiffGateOptions.Report(diff, DiffGate.Evaluate(diff, conditions), parse.GetValue(format)!, io);
            return code == ExitCodes.Success && diff.HasErrors ? ExitCodes.Failure : code;
        });
        return command;
    }
}
