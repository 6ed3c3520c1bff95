using System.CommandLine;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Output;
using CostDsl.Output.Formats;
using CostDsl.Scenarios;

namespace CostDsl.Cli;

/// <summary><c>costdsl eval FILE...</c>: evaluate and print results as JSON or a table.</summary>
internal static class EvalCommand
{
    public static Command Create(CliIO io)
    {
        var common = new CommonOptions();
        var format = new Option<string>("--format") { Description = OutputFormats.Help, DefaultValueFactory = _ => OutputFormats.Json.Name };
        format.AcceptOnlyFromAmong([.. OutputFormats.Names]);
        var histogram = new Option<bool>("--histogram") { Description = "Add a binned histogram to each uncertain output (JSON: bins and counts; table: a text histogram)." };
        var sensitivity = new Option<string?>("--sensitivity") { Description = "Rank the uncertain inputs by the share of this output's variance each explains (JSON, and a tornado chart)." };
        var output = new Option<string?>("--out") { Description = "Write the results to this file instead of standard output." };
        var shard = SweepShard.Option();

        var command = new Command("eval", "Evaluate specs and print their outputs, asserts and diagnostics.");
        common.AddTo(command, evaluation: true);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(histogram);
        command.Options.Add(sensitivity);
        command.Options.Add(shard);
        command.SetAction(parse =>
        {
            var engine = common.Engine(parse);
            var options = common.Read(parse) with { Sensitivity = parse.GetValue(sensitivity) };
            if (ScenarioComparison.IsComparison(options.Scenario))
            {
                if (parse.GetValue(shard) is not null)
                {
                    // A comparison is several runs side by side, not one grid: there is no part of it to merge.
                    io.Error.WriteLine($"costdsl: --shard splits one sweep grid; --scenario {options.Scenario} compares several runs: shard one scenario at a time");
                    return ExitCodes.Usage;
                }

                return EvalScenarios.Run(io, engine, parse.GetValue(common.Files)!, options, OutputFormats.Find(parse.GetValue(format)!) ?? OutputFormats.Json, new OutputOptions(parse.GetValue(histogram)), parse.GetValue(output));
            }

            if (SweepShard.Read(parse, shard, parse.GetValue(common.Files)!.Length, options, parse.GetValue(histogram), io) is not { } part)
            {
                return ExitCodes.Usage;
            }

            options = options with { Part = part };
            var results = parse.GetValue(common.Files)!.Select(file => engine.EvaluateFile(file, options)).ToList();
            foreach (var result in results)
            {
                io.Error.Write(DiagnosticRenderer.RenderAll(result.Diagnostics));
            }

            var chosen = OutputFormats.Find(parse.GetValue(format)!) ?? OutputFormats.Json;
            var text = chosen.Write(results, new OutputOptions(parse.GetValue(histogram)));
            io.Error.Write(chosen.Beside(results));

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

            return results.Max(r => common.ExitCode(parse, r));
        });
        return command;
    }
}
