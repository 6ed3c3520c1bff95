using System.CommandLine;
using System.Globalization;
using System.Text;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Estimation;
using CostDsl.Estimation.Training;
using CostDsl.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CostDsl.Cli;

/// <summary>
/// <c>costdsl plan-training [FILE] --model M --hardware H --gpus N --batch B --sequence S</c>: every valid
/// (TP, PP, DP, CP, VP, micro-batch, recomputation) layout of a run, estimated in one pass and ranked by step time.
/// The model and hardware blocks come from FILE, or from the bundled catalogs when no FILE is given.
/// </summary>
internal static class PlanTrainingCommand
{
    public static Command Create(CliIO io)
    {
        var file = new Argument<string?>("FILE") { Description = "A spec declaring or importing the model and hardware blocks; left out: the bundled catalogs.", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string>("--model") { Description = "The model block's name (e.g. Llama3_70B).", Required = true };
        var hardware = new Option<string>("--hardware") { Description = "The hardware block's name (e.g. H100_SXM).", Required = true };
        var gpus = new Option<int>("--gpus") { Description = "GPUs of the run.", Required = true };
        var batch = new Option<int>("--batch") { Description = "Global batch: sequences per optimizer step.", Required = true };
        var sequence = new Option<int>("--sequence") { Description = "Tokens per sequence.", Required = true };
        var precision = new Option<string>("--precision") { Description = "Precision of the GEMMs (bf16, fp16, fp8; default bf16, fp16 where the device has no bf16)." };
        precision.AcceptOnlyFromAmong("bf16", "fp16", "fp8");
        var zero = new Option<int>("--zero") { Description = "ZeRO stage 0-3 (a distributed optimizer is 1).", DefaultValueFactory = _ => 1 };
        var noFlash = new Option<bool>("--no-flash") { Description = "Attention kernels that keep the scores (pre-FlashAttention code)." };
        var top = new Option<int>("--top") { Description = "Layouts to print, fastest first.", DefaultValueFactory = _ => 10 };
        var format = new Option<string>("--format") { Description = "table (default) or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        foreach (var (option, minimum) in new[] { (gpus, 1), (batch, 1), (sequence, 1), (top, 1) })
        {
            option.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() < minimum)
                {
                    r.AddError($"{option.Name} must be at least {minimum}");
                }
            });
        }

        zero.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 3)
            {
                r.AddError("--zero must be 0, 1, 2 or 3");
            }
        });

        var command = new Command("plan-training", "Rank the valid parallel layouts of a training run by estimated step time.");
        command.Arguments.Add(file);
        foreach (var option in new Option[] { model, hardware, gpus, batch, sequence, precision, zero, noFlash, top, format })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var path = parse.GetValue(file);
            SourceFile source;
            if (path is null)
            {
                source = SpecBlocks.Bundled();
            }
            else if (!File.Exists(path))
            {
                io.Error.WriteLine($"costdsl: {path}: file not found");
                return ExitCodes.Usage;
            }
            else
            {
                source = new SourceFile(path, File.ReadAllText(path), Path.GetFullPath(path));
            }

            var (shape, spec, problem, diagnostics) = SpecBlocks.Read(new CostEngine(), source, parse.GetValue(model)!, parse.GetValue(hardware)!);
            if (diagnostics.Count > 0)
            {
                io.Error.Write(DiagnosticRenderer.RenderAll(diagnostics));
                return ExitCodes.Failure;
            }

            if (shape is null || spec is null)
            {
                io.Error.WriteLine($"costdsl: {problem}");
                return problem!.StartsWith("no ", StringComparison.Ordinal) ? ExitCodes.Usage : ExitCodes.Failure;
            }

            var (training, shapeProblem) = TransformerShape.From(shape);
            var chosen = Precision.Find(parse.GetValue(precision) ?? (spec.Peak("bf16") is null ? "fp16" : "bf16"))!;
            var (device, deviceProblem) = TrainingDevice.From(spec, chosen);
            if (training is null || device is null)
            {
                io.Error.WriteLine($"costdsl: cannot plan: {shapeProblem ?? deviceProblem}");
                return ExitCodes.Failure;
            }

            var result = LayoutSearch.Rank(training, device, parse.GetValue(gpus), parse.GetValue(batch), parse.GetValue(sequence), EfficiencyAssumptions.Median, parse.GetValue(zero), !parse.GetValue(noFlash));
            var shown = result.Ranked.Take(parse.GetValue(top)).ToList();
            io.Output.Write(parse.GetValue(format) == "json" ? Json(result, shown) : Table(result, shown, device, chosen));
            return result.Ranked.Count > 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static string Table(LayoutSearch.Result result, List<LayoutSearch.Candidate> shown, TrainingDevice device, Precision precision)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{result.Tried} layouts tried: {result.Ranked.Count} fit, {result.TooBig} need more than {device.MemoryBytes / 1e9:0.#} GB per GPU, {result.Invalid} invalid. ");
        text.Append(CultureInfo.InvariantCulture, $"GEMMs in {precision.Name}, median efficiencies.\n");
        if (shown.Count == 0)
        {
            return text.Append("No layout fits: use more GPUs, a higher ZeRO stage or a smaller batch per rank.\n").ToString();
        }

        var rows = new List<string[]> { new[] { "rank", "tp", "pp", "dp", "cp", "vp", "micro", "recompute", "step s", "tokens/s/GPU", "MFU", "memory GB" } };
        rows.AddRange(shown.Select((c, i) => new[]
        {
            (i + 1).ToString(CultureInfo.InvariantCulture), Int(c.Layout.Tp), Int(c.Layout.Pp), Int(c.Layout.Dp), Int(c.Layout.Cp), Int(c.Layout.Vp), Int(c.Layout.MicroBatch),
            c.Layout.Recompute.ToString().ToLowerInvariant(), c.Estimate.StepSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            c.Estimate.TokensPerSecondPerGpu.ToString("0", CultureInfo.InvariantCulture), c.Estimate.Mfu.ToString("0.0%", CultureInfo.InvariantCulture),
            (c.Estimate.Memory.Total / 1e9).ToString("0.0", CultureInfo.InvariantCulture),
        }));
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            text.Append(string.Join("  ", row.Select((cell, i) => i == 7 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Json(LayoutSearch.Result result, List<LayoutSearch.Candidate> shown)
    {
        var layouts = new JArray(shown.Select(c => new JObject
        {
            ["tp"] = c.Layout.Tp,
            ["pp"] = c.Layout.Pp,
            ["dp"] = c.Layout.Dp,
            ["cp"] = c.Layout.Cp,
            ["vp"] = c.Layout.Vp,
            ["micro_batch"] = c.Layout.MicroBatch,
            ["recompute"] = c.Layout.Recompute.ToString().ToLowerInvariant(),
            ["sp"] = c.Layout.SequenceParallel,
            ["zero"] = c.Layout.Zero,
            ["step_time_s"] = c.Estimate.StepSeconds,
            ["tokens_per_s_per_gpu"] = c.Estimate.TokensPerSecondPerGpu,
            ["mfu"] = c.Estimate.Mfu,
            ["hfu"] = c.Estimate.Hfu,
            ["memory_per_gpu_bytes"] = c.Estimate.Memory.Total,
        }));
        var root = new JObject
        {
            ["schema"] = "costdsl-plan-training/1",
            ["tried"] = result.Tried,
            ["fit"] = result.Ranked.Count,
            ["too_big"] = result.TooBig,
            ["invalid"] = result.Invalid,
            ["layouts"] = layouts,
        };
        return root.ToString(Formatting.Indented) + "\n";
    }
}
