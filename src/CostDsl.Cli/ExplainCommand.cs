using System.CommandLine;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Semantics;
using CostDsl.Text;
using CostDsl.Tooling.Diffing;
using CostDsl.Tooling.Explaining;

namespace CostDsl.Cli;

/// <summary><c>costdsl explain FILE NAME</c>: how one output, let or Block.field was computed, down to its assumptions.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliIO io)
    {
        var file = new Argument<string>("FILE") { Description = "The .cost file." };
        var name = new Argument<string>("NAME") { Description = "An output, a let, or Block.field." };
        var depth = new Option<int>("--depth") { Description = "How many steps down to show.", DefaultValueFactory = _ => Explainer.DefaultDepth };
        WholeNumberRange.Require(depth, 0, 1000);
        var format = new Option<string>("--format") { Description = "text (default) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var set = new Option<string[]>("--set")
        {
            Description = "Override a let or a Block.field: PATH=EXPR. Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new Command("explain", "Show how a value was computed: each step with its value and source line, down to the assumptions.");
        command.Arguments.Add(file);
        command.Arguments.Add(name);
        command.Options.Add(depth);
        command.Options.Add(format);
        command.Options.Add(set);
        var allowImport = AllowImportOption.Create();
        command.Options.Add(allowImport);
        var limits = new LimitOptions();
        limits.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var side = SpecReader.ReadSide(path, out var problem, workingTree: AllowImportOption.Sources(parse, allowImport));
            if (side is null)
            {
                io.Error.Write(DiagnosticRenderer.Render(problem!));
                return ExitCodes.Failure;
            }

            var options = new EvaluationOptions { Sets = parse.GetValue(set) ?? [] };
            var target = parse.GetValue(name)!;
            var (tree, diagnostics) = DeepStack.Run(() => Explain(limits.Engine(side.Sources, parse), side, options, target, parse.GetValue(depth)));
            io.Error.Write(DiagnosticRenderer.RenderAll(diagnostics));
            if (tree is not null)
            {
                io.Output.Write(parse.GetValue(format) == "json" ? ExplainJson.Write(tree) : ExplainText.Write(tree));
            }

            return tree is null || diagnostics.Any(d => d.Severity == Severity.Error) ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static (ExplainNode? Tree, IReadOnlyList<Diagnostic> Diagnostics) Explain(CostEngine engine, DiffSide side, EvaluationOptions options, string name, int depth)
    {
        // A REV:path is explained with the imports of its revision, as diff reads it; a file with the command's confinement.
        var source = side.File;
        var (program, checkDiagnostics) = engine.Check(source, options);
        if (program is null)
        {
            return (null, checkDiagnostics);
        }

        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(checkDiagnostics);
        var explainer = new Explainer(program, diagnostics, depth);
        var tree = explainer.Explain(name);
        if (tree is null)
        {
            diagnostics.Error(Codes.UnknownName, null, $"{source.Path} has no output, let or Block.field named '{name}'{NameSuggestions.Hint(name, explainer.KnownNames())}");
        }

        return (tree, diagnostics.Sorted());
    }
}
