using System.CommandLine;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Output;

namespace CostDsl.Cli;

/// <summary><c>costdsl eval FILE...</c>: evaluate and print results as JSON or a table.</summary>
internal static class EvalCommand
{
    public static Command Create(CliIO io)
    {
        var common = new CommonOptions();
        var format = new Option<string>("--format") { Description = "json (default) or table.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "table");
        var output = new Option<string?>("--out") { Description = "Write the results to this file instead of standard output." };

        var command = new Command("eval", "Evaluate specs and print their outputs, asserts and diagnostics.");
        common.AddTo(command, evaluation: true);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var engine = new CostEngine();
            var options = common.Read(parse);
            var results = parse.GetValue(common.Files)!.Select(file => engine.EvaluateFile(file, options)).ToList();
            foreach (var result in results)
            {
                io.Error.Write(DiagnosticRenderer.RenderAll(result.Diagnostics));
            }

            var text = parse.GetValue(format) == "table"
                ? string.Concat(results.Select(TableReport.Write))
                : JsonReport.Write(results, single: results.Count == 1);
            if (parse.GetValue(output) is { } path)
            {
                if (!io.TryWriteFile(path, text))
                {
                    return ExitCodes.Failure;
                }
            }
            else
            {
                io.Output.Write(text);
            }

            return results.Max(r => r.ExitCode);
        });
        return command;
    }
}
