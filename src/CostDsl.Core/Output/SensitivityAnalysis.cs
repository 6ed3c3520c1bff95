using CostDsl.Runtime;

namespace CostDsl.Output;

/// <summary>
/// First-order variance shares: for each uncertain input X, Var(E[Y | X]) / Var(Y), estimated by
/// sorting the samples by X into bins of ten and taking the variance of Y's bin means, less the part
/// that within-bin noise alone would give (the ANOVA correction: SS_between - (B - 1) * MS_within).
/// Small bins follow a steep or curved E[Y | X] closely; the correction keeps an input that does
/// nothing near 0. Unlike a correlation it sees an input that acts through a curve. Shares need not
/// add up to 1: the rest is interaction between inputs.
/// </summary>
public static class SensitivityAnalysis
{
    public const int SamplesPerBin = 10;

    public static Sensitivity Compute(string output, ReadOnlySpan<double> y, IEnumerable<UncertainInput> inputs)
    {
        var values = y.ToArray();
        var largest = values.Max(Math.Abs);
        if (largest > 1e150)
        {
            // Shares do not change with the output's scale; its squares must not overflow.
            for (var i = 0; i < values.Length; i++)
            {
                values[i] /= largest;
            }
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        var names = inputs.GroupBy(i => i.Name).ToDictionary(g => g.Key, g => g.Count());
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var shares = new List<SensitivityInput>();
        foreach (var input in inputs)
        {
            var name = input.Name;
            if (names[input.Name] > 1)
            {
                // Several draws in one declaration (two ranges in one let, a function called twice): numbered
                // in the order they are drawn, which follows the spec's meaning, never by line, so that a
                // comment or a line break leaves the label (and the JSON) as it was.
                var nth = seen[input.Name] = seen.GetValueOrDefault(input.Name) + 1;
                name = $"{input.Name} (draw {nth})";
            }

            var share = variance == 0 ? 0 : Math.Clamp(ExplainedVariance(input.Draws, values, mean) / variance, 0, 1);
            shares.Add(new SensitivityInput(name, share));
        }

        return new Sensitivity(output, [.. shares.OrderByDescending(s => s.Share).ThenBy(s => s.Name, StringComparer.Ordinal)]);
    }

    private static double ExplainedVariance(double[] x, double[] y, double mean)
    {
        var n = x.Length;
        var bins = Math.Max(2, n / SamplesPerBin);
        if (n <= bins)
        {
            return 0;
        }

        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(x.ToArray(), order);
        var (between, within) = (0.0, 0.0);
        for (var bin = 0; bin < bins; bin++)
        {
            // In long: bin * n passes int's range at 150,000 samples.
            var (start, end) = ((int)((long)bin * n / bins), (int)((long)(bin + 1) * n / bins));
            var sum = 0.0;
            for (var i = start; i < end; i++)
            {
                sum += y[order[i]];
            }

            var binMean = sum / (end - start);
            between += (end - start) * (binMean - mean) * (binMean - mean);
            for (var i = start; i < end; i++)
            {
                within += (y[order[i]] - binMean) * (y[order[i]] - binMean);
            }
        }

        return (between - ((bins - 1) * within / (n - bins))) / n;
    }

    /// <summary>A text tornado chart: one bar per input, longest first.</summary>
    public static string Chart(Sensitivity sensitivity, int width = 40)
    {
        var text = new System.Text.StringBuilder();
        text.Append("variance of ").Append(sensitivity.Output).Append(" explained by each input:\n");
        var nameWidth = sensitivity.Inputs.Count == 0 ? 0 : sensitivity.Inputs.Max(i => i.Name.Length);
        foreach (var input in sensitivity.Inputs)
        {
            var bar = new string('#', (int)Math.Round(input.Share * width));
            text.Append("  ").Append(input.Name.PadRight(nameWidth)).Append(" | ").Append(bar.PadRight(width))
                .Append(' ').Append(NumberFormat.Readable(input.Share * 100)).Append("%\n");
        }

        return text.ToString();
    }
}
