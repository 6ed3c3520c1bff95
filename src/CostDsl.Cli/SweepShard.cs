using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using CostDsl.Engine;
using CostDsl.Hosting;
using CostDsl.Runtime;

namespace CostDsl.Cli;

/// <summary>
/// <c>eval --shard K/N</c>: evaluate part K of N of the sweep grid (a contiguous run of points), for
/// <c>costdsl merge</c> to join. The part carries the hash of everything else that decides its
/// values (samples, seed, overrides, scenario, sweeps, histogram, engine build), so that parts made
/// differently are refused rather than joined.
/// </summary>
internal static class SweepShard
{
    public static Option<string?> Option()
    {
        var shard = new Option<string?>("--shard") { Description = "Evaluate part K of N (K from 0) of the sweep grid: a contiguous run of its points. Join the parts' JSON with costdsl merge." };
        shard.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && BatchShard.Parse(result.Tokens[0].Value).Error is { } error)
            {
                result.AddError(error);
            }
        });
        return shard;
    }

    /// <summary>The part asked for (the whole grid without --shard); null after saying why it is bad usage.</summary>
    public static GridPart? Read(ParseResult parse, Option<string?> option, int files, EvaluationOptions options, bool histogram, CliIO io)
    {
        if (parse.GetValue(option) is not { } text)
        {
            return GridPart.Whole;
        }

        var shard = BatchShard.Parse(text).Shard!;
        if (files > 1)
        {
            io.Error.WriteLine("costdsl: --shard takes one FILE: each part of a sweep is one spec's JSON");
            return null;
        }

        var engine = typeof(CostEngine).Assembly.ManifestModule.ModuleVersionId;
        var settings = $"samples={options.Samples};seed={options.Seed};scenario={options.Scenario};histogram={histogram};sensitivity={options.Sensitivity};"
            + $"sets={string.Join('\u001f', options.Sets)};sweeps={string.Join('\u001f', options.Sweeps)};engine={engine}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings)));
        return new GridPart(shard.Index, shard.Count, hash);
    }
}
