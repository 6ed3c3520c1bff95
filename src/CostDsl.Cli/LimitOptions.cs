using CostDsl.Modules;
using System.CommandLine;
using System.Globalization;
using CostDsl.Engine;
using CostDsl.Limits;
using CostDsl.Semantics;

namespace CostDsl.Cli;

/// <summary>
/// <c>--max-steps</c>, <c>--max-memory</c> and <c>--time-limit</c>, on every command that evaluates
/// or checks specs: what one spec may cost. The first two are compared with the checker's bound before
/// anything runs (CD0005, CD0006); the time limit stops a run that is still going (CD0003).
/// </summary>
internal sealed class LimitOptions
{
    /// <summary>The longest --time-limit: a day is beyond any real spec, and timers cannot count past about 24 days.</summary>
    public static readonly TimeSpan LongestTimeLimit = TimeSpan.FromDays(1);

    public Option<long> MaxSteps { get; } = new("--max-steps")
    {
        Description = $"The most evaluation steps a spec may need, as bounded before it runs (default {CostLimits.DefaultMaxSteps:N0}).",
        DefaultValueFactory = _ => CostLimits.DefaultMaxSteps,
    };

    public Option<string> MaxMemory { get; } = new("--max-memory")
    {
        Description = "The most memory a spec's values may hold at once, as bounded before it runs: bytes, or with KB MB GB KiB MiB GiB (default 1GiB).",
        DefaultValueFactory = _ => "1GiB",
    };

    public Option<double> TimeLimit { get; } = new("--time-limit")
    {
        Description = $"Seconds one spec may run before it is stopped (default {AllowImportOption.TimeLimit.TotalSeconds:0}).",
        DefaultValueFactory = _ => AllowImportOption.TimeLimit.TotalSeconds,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(MaxSteps);
        command.Options.Add(MaxMemory);
        command.Options.Add(TimeLimit);
        MaxSteps.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && long.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var steps) && steps < 1)
            {
                result.AddError($"--max-steps must be at least 1, not {steps}");
            }
        });
        MaxMemory.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && ParseBytes(result.Tokens[^1].Value) is null)
            {
                result.AddError($"--max-memory: '{result.Tokens[^1].Value}' is not a size; write bytes, or e.g. 512MiB, 2GB");
            }
        });
        TimeLimit.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && double.TryParse(result.Tokens[^1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                && !(seconds > 0 && seconds <= LongestTimeLimit.TotalSeconds))
            {
                result.AddError($"--time-limit must be more than 0 and at most {LongestTimeLimit.TotalSeconds:0} seconds (a day), not {result.Tokens[^1].Value}");
            }
        });
    }

    /// <summary>The limits as given (the validators have refused anything out of range).</summary>
    public CostLimits Read(ParseResult parse) => new()
    {
        MaxSteps = parse.GetValue(MaxSteps),
        MaxMemoryBytes = ParseBytes(parse.GetValue(MaxMemory) ?? "1GiB") ?? CostLimits.DefaultMaxMemoryBytes,
    };

    public TimeSpan ReadTimeLimit(ParseResult parse) => TimeSpan.FromSeconds(parse.GetValue(TimeLimit));

    /// <summary>An engine over <paramref name="sources"/> held to these limits.</summary>
    public CostEngine Engine(SourceProvider sources, ParseResult parse) =>
        new(sources) { TimeLimit = ReadTimeLimit(parse), Limits = Read(parse), Library = PrecompiledLibrary.FromResource(typeof(LimitOptions).Assembly) };

    /// <summary>"1073741824", "512MiB", "2 GB" as bytes; null for anything else, zero, or past a long.</summary>
    public static long? ParseBytes(string text)
    {
        var trimmed = text.Trim();
        var split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] == '.'))
        {
            split++;
        }

        if (!double.TryParse(trimmed[..split], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        double? scale = trimmed[split..].Trim() switch
        {
            "" or "B" => 1,
            "KB" or "kB" => 1e3,
            "MB" => 1e6,
            "GB" => 1e9,
            "TB" => 1e12,
            "KiB" => 1L << 10,
            "MiB" => 1L << 20,
            "GiB" => 1L << 30,
            "TiB" => 1L << 40,
            _ => null,
        };
        var bytes = number * scale;
        return bytes is >= 1 and < 9e18 ? (long)bytes : null;
    }
}
