using CostDsl.Engine;

namespace CostDsl.Reporting;

/// <summary>The run's settings as a report lists them, so a reader can reproduce its numbers.</summary>
public sealed record ReportSettings(EvaluationOptions Options)
{
    /// <summary>Name and value of each setting, in a fixed order; unset ones say so.</summary>
    public IEnumerable<(string Name, string Value)> Rows()
    {
        yield return ("seed", Options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("samples", Options.Samples.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture));
        yield return ("scenario", Options.Scenario ?? "(none: the base spec)");
        yield return ("--set", Options.Sets.Count == 0 ? "(none)" : string.Join("; ", Options.Sets));
        yield return ("--sweep", Options.Sweeps.Count == 0 ? "(none)" : string.Join("; ", Options.Sweeps));
        yield return ("--sensitivity", Options.Sensitivity ?? "(none)");
    }
}
