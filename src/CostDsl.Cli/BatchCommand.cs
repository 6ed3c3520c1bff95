using System.CommandLine;
using CostDsl.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CostDsl.Cli;

/// <summary>
/// <c>costdsl batch --in DIR --out DIR [--watch] [--parallel N]</c>: the batch service in a Generic
/// Host. Settings come from appsettings.json (section CostDsl) in the current folder; the options here
/// override them. Exit 0 when every file is clean, 1 when any has an error or a failed assert or the
/// batch was stopped before the end, 2 on bad usage or settings.
/// </summary>
internal static class BatchCommand
{
    public static Command Create(CliIO io)
    {
        var input = new Option<string>("--in") { Description = "The folder whose .cost files are evaluated.", Required = true };
        var output = new Option<string>("--out") { Description = "The folder for OUT/<path>.json and OUT/index.json.", Required = true };
        var watch = new Option<bool>("--watch") { Description = "After the first pass, re-evaluate what changes until stopped (Ctrl-C)." };
        var parallel = new Option<int?>("--parallel") { Description = "Files evaluated at once (default: CostDsl:Parallelism, else the processor count)." };
        WholeNumberRange.Require(parallel, 1, 256);

        var command = new Command("batch", "Evaluate every .cost file under a folder into JSON files, in a long-running host.");
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(watch);
        command.Options.Add(parallel);
        command.SetAction(parse => Run(io, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(watch), parse.GetValue(parallel)));
        return command;
    }

    private static int Run(CliIO io, string input, string output, bool watch, int? parallel)
    {
        if (!Directory.Exists(input))
        {
            io.Error.WriteLine($"costdsl: input folder not found: {input}");
            return ExitCodes.Usage;
        }

        // A progress line only for a person at a terminal; in CI the log says enough.
        var progress = ReferenceEquals(io.Error, Console.Error) && !Console.IsErrorRedirected ? new TerminalProgress(io.Error) : null;
        try
        {
            using var host = CostDslBatchHost.CreateBuilder(
                batch =>
                {
                    batch.Input = input;
                    batch.Output = output;
                    batch.Watch = watch;
                },
                io.Error,
                configure: parallel is { } count ? settings => settings.Parallelism = count : null,
                progress: progress).Build();
            var outcome = host.Services.GetRequiredService<BatchOutcome>();
            host.Run();
            return outcome.ExitCode;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                io.Error.WriteLine($"costdsl: {failure}");
            }

            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException)
        {
            // A malformed appsettings.json or a value that does not bind.
            io.Error.WriteLine($"costdsl: bad settings: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
