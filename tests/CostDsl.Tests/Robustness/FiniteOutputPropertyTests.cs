using System.Globalization;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Output;
using CostDsl.Tests.Support;
using CostDsl.Text;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Robustness;

/// <summary>
/// No NaN or Infinity reaches any output format, whatever the magnitudes: generated well-typed specs
/// (units, conversions, distributions, statistics, numbers from 1e-300 to 1e300; a fixed seed, so a
/// failure reproduces) give finite numbers or located diagnostics, never an internal error.
/// </summary>
public class FiniteOutputPropertyTests
{
    private const int Specs = 600;

    // Units by dimension: adding or comparing within a family is well-typed, and so is converting.
    private static readonly string[][] Families =
    [
        [string.Empty],
        ["USD"],
        ["s", "h"],
        ["USD/s", "USD/h"],
        ["GB", "kB"],
        ["FLOP/s", "TFLOP/s"],
    ];

    [Test]
    public void GeneratedSpecsNeverWriteANonFiniteNumberOrAnInternalError()
    {
        var random = new Random(20261130);
        var engine = new CostEngine();
        var options = new EvaluationOptions { Samples = 200 };
        for (var i = 0; i < Specs; i++)
        {
            var text = Generate(random);
            var result = engine.Evaluate(new SourceFile("gen.cost", text, Repository.PathTo("gen.cost")), options with { Sensitivity = i % 3 == 0 ? "o0" : null });
            string json = string.Empty, table = string.Empty, csv = string.Empty;
            Assert.DoesNotThrow(() => (json, table, csv) = (JsonReport.Write(result), TableReport.Write(result), CsvReport.Write(result)), text);
            Assert.Multiple(() =>
            {
                Assert.That(result.Diagnostics.Select(d => d.Code), Has.None.EqualTo(Codes.InternalError), () => $"{text}\n{DiagnosticRenderer.RenderAll(result.Diagnostics)}");
                // Only a diagnostic about a command-line argument (here --sensitivity) has no place in the file.
                Assert.That(result.Diagnostics.Where(d => d.Span is null && !d.Message.StartsWith("--", StringComparison.Ordinal)), Is.Empty, text);
                // The diagnostics may say "(NaN)" in words; the numbers are everything else.
                var numbers = JObject.Parse(json);
                numbers.Remove("diagnostics");
                foreach (var (format, output) in new[] { ("json", numbers.ToString()), ("table", table), ("csv", csv) })
                {
                    Assert.That(output, Does.Not.Contain("NaN").And.Not.Contain("Infinity").And.Not.Contain("∞"), $"{format} of\n{text}\n{output}");
                }

            });
        }
    }

    private static string Generate(Random random)
    {
        var lines = new List<string>();
        var lets = new List<(string Name, int Family)>();
        var count = 1 + random.Next(4);
        for (var i = 0; i < count; i++)
        {
            var family = random.Next(Families.Length);
            var name = $"v{i}";
            lines.Add($"let {name} = {Expression(random, family, 3, lets)}");
            lets.Add((name, family));
        }

        for (var i = 0; i < 2; i++)
        {
            var family = random.Next(Families.Length);
            var unit = Unit(random, family);
            var conversion = unit.Length > 0 && random.Next(2) == 0 ? $" in {unit}" : string.Empty;
            lines.Add($"output o{i} = {Expression(random, family, 3, lets)}{conversion}");
        }

        if (random.Next(3) == 0)
        {
            var family = random.Next(Families.Length);
            lines.Add($"assert P({Expression(random, family, 2, lets)} < {Expression(random, family, 1, lets)}) < 50% \"generated\"");
        }

        return string.Join('\n', lines);
    }

    private static string Expression(Random random, int family, int depth, List<(string Name, int Family)> lets)
    {
        var choice = depth <= 0 ? random.Next(3) : random.Next(12);
        switch (choice)
        {
            case 0:
            case 1:
                return Literal(random, family, positive: false);
            case 2:
                var known = lets.Where(l => l.Family == family).ToList();
                return known.Count > 0 ? known[random.Next(known.Count)].Name : Literal(random, family, positive: true);
            case 3:
                return $"({Expression(random, family, depth - 1, lets)} + {Expression(random, family, depth - 1, lets)})";
            case 4:
                return $"({Expression(random, family, depth - 1, lets)} - {Expression(random, family, depth - 1, lets)})";
            case 5:
                return $"({Expression(random, family, depth - 1, lets)} * {Expression(random, 0, depth - 1, lets)})";
            case 6:
                return $"({Expression(random, family, depth - 1, lets)} / {Expression(random, 0, depth - 1, lets)})";
            case 7:
                var (low, high) = Ordered(random, family);
                return $"({low} to {high})";
            case 8:
                var (lo, hi) = Ordered(random, family);
                return random.Next(2) == 0 ? $"uniform({lo}, {hi})" : $"triangular({lo}, {lo}, {hi})";
            case 9:
                return $"{(random.Next(2) == 0 ? "normal" : "lognormal")}({Literal(random, family, positive: true)}, {Literal(random, family, positive: true)})";
            case 10:
                return random.Next(2) == 0 ? $"percentile({Expression(random, family, depth - 1, lets)}, 95%)" : $"mean({Expression(random, family, depth - 1, lets)})";
            default:
                return family == 0 ? $"{(random.Next(2) == 0 ? "sqrt" : "exp")}({Expression(random, 0, depth - 1, lets)})" : $"sd({Expression(random, family, depth - 1, lets)})";
        }
    }

    private static (string Low, string High) Ordered(Random random, int family)
    {
        var (a, b) = (Magnitude(random), Magnitude(random));
        if (a == b)
        {
            b = a * 2;
        }

        var unit = Unit(random, family);
        var suffix = unit.Length == 0 ? string.Empty : " " + unit;
        return (Format(Math.Min(a, b)) + suffix, Format(Math.Max(a, b)) + suffix);
    }

    private static string Literal(Random random, int family, bool positive)
    {
        var unit = Unit(random, family);
        var value = Format(Magnitude(random));
        var sign = !positive && random.Next(5) == 0 ? "-" : string.Empty;
        return unit.Length == 0 ? $"{sign}{value}" : $"{sign}{value} {unit}";
    }

    private static string Unit(Random random, int family) => Families[family][random.Next(Families[family].Length)];

    // Mostly ordinary numbers, often extreme ones: the edges of a double are where overflow hides.
    private static double Magnitude(Random random)
    {
        var exponent = random.Next(4) switch
        {
            0 => random.Next(-3, 4),
            1 => random.Next(-300, 301),
            2 => random.Next(150, 309),
            _ => random.Next(-12, 13),
        };
        return Math.Min(1.7e308, (1 + (random.Next(9) / 10.0)) * Math.Pow(10, exponent));
    }

    private static string Format(double value) => value.ToString("0.#e+0", CultureInfo.InvariantCulture);
}
