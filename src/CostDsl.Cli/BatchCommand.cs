using System.CommandLine;
using CostDsl.Hosting;
using CostDsl.Modules;
using CostDsl.Parsing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CostDsl.Cli;

/// <summary>
/// <c>costdsl batch --in DIR --out DIR [--watch] [--parallel N] [--shard K/N]</c>: the batch service in a Generic
/// Host. Settings come only from the JSON file named by --settings (section CostDsl), never from the
/// current folder or the environment; the options here override them. Exit 0 when every file is clean, 1 when any has an error or a failed assert (or, with --warnings-as-errors, a warning) or the
/// batch was stopped before the end, 2 on bad usage or settings.
/// </summary>
internal static class BatchCommand
{
    public static Command Create(CliIO io)
    {
        var input = new Option<string>("--in") { Description = "The folder whose .cost files are evaluated.", Required = true };
        var output = new Option<string>("--out") { Description = "The folder for OUT/<path>.json and OUT/index.json.", Required = true };
        var watch = new Option<bool>("--watch") { Description = "After the first pass, re-evaluate what changes until stopped (Ctrl-C)." };
        var settingsFile = new Option<string?>("--settings") { Description = "A JSON settings file (section CostDsl: RulesRoots, Samples, Seed, Parallelism, Limits). Nothing else is read implicitly." };
        var parallel = new Option<int?>("--parallel") { Description = "Files evaluated at once (default: CostDsl:Parallelism, else the processor count)." };
        WholeNumberRange.Require(parallel, 1, 256);
        var shard = new Option<string?>("--shard") { Description = "Evaluate part K of N (K from 0 to N-1): the specs whose path hashes to K. Join the parts with costdsl merge." };
        shard.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && BatchShard.Parse(result.Tokens[0].Value).Error is { } error)
            {
                result.AddError(error);
            }
        });

        var warningsAsErrors = new Option<bool>("--warnings-as-errors") { Description = "A spec with a warning (a plausibility warning, CD08xx) fails as on an error: status error, exit 1." };
        var command = new Command("batch", "Evaluate every .cost file under a folder into JSON files, in a long-running host.");
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(watch);
        command.Options.Add(parallel);
        command.Options.Add(settingsFile);
        command.Options.Add(shard);
        command.Options.Add(warningsAsErrors);
        command.SetAction(parse => Run(io, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(watch), parse.GetValue(parallel), parse.GetValue(settingsFile), parse.GetValue(shard) is { } part ? BatchShard.Parse(part).Shard! : BatchShard.Whole, parse.GetValue(warningsAsErrors)));
        return command;
    }

    private static int Run(CliIO io, string input, string output, bool watch, int? parallel, string? settingsFile, BatchShard shard, bool warningsAsErrors)
    {
        if (!Directory.Exists(input))
        {
            io.Error.WriteLine($"costdsl: input folder not found: {input}");
            return ExitCodes.Usage;
        }

        if (settingsFile is not null && !File.Exists(settingsFile))
        {
            io.Error.WriteLine($"costdsl: settings file not found: {settingsFile}");
            return ExitCodes.Usage;
        }

        // A progress line only for a person at a terminal; in CI the log says enough.
        var progress = ReferenceEquals(io.Error, Console.Error) && !Console.IsErrorRedirected ? new TerminalProgress(io.Error) : null;
        try
        {
            var builder = CostDslBatchHost.CreateBuilder(
                batch =>
                {
                    batch.Input = input;
                    batch.Output = output;
                    batch.Watch = watch;
                    batch.Shard = shard;
                    batch.WarningsAsErrors = warningsAsErrors;
                },
                io.Error,
                settingsFile,
                configure: parallel is { } count ? settings => settings.Parallelism = count : null,
                progress: progress);

            // The bundled catalogs parsed and their module checks, known at build time (ModuleChecks.Seed): the first spec
            // of a batch or a shard reads their trees and checks them only where reached, as later specs do, instead of
            // parsing and checking them in full. Replaces AddCostDsl's cache.
            var library = PrecompiledLibrary.FromResource(typeof(BatchCommand).Assembly);
            var imports = new ImportCache { Library = library };
            if (library is not null)
            {
                imports.Modules.Seed(library);
            }

            builder.Services.AddSingleton(imports);
            using var host = builder.Build();
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
            // A malformed settings file or a value that does not bind.
            io.Error.WriteLine($"costdsl: bad settings: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
