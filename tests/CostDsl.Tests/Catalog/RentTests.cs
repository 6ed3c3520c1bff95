using System.Text.RegularExpressions;
using CostDsl.Diagnostics;
using CostDsl.Parsing;
using CostDsl.Syntax;
using CostDsl.Tests.Support;
using CostDsl.Text;

namespace CostDsl.Tests.Catalog;

/// <summary>std/prices/rent.cost: dated, sourced quotes per GPU-hour, and each hardware rent is the range over its quotes.</summary>
public partial class RentTests
{
    [Test]
    public void EveryQuoteIsAMoneyRateForACatalogGpuWithADatedSource()
    {
        var hardware = HardwareBlocks().Select(b => b.Name).ToHashSet();
        Assert.That(Quotes(), Is.Not.Empty);
        foreach (var (name, let) in Quotes())
        {
            var gpu = GpuOf(name);
            Assert.That(hardware, Does.Contain(gpu), $"{name} names no hardware block");
            var line = LineOf(let.Span);
            Assert.That(Dated().IsMatch(line[line.IndexOf('#', StringComparison.Ordinal)..]), Is.True, $"{name}: its comment names no date");
            var value = Spec.Clean($"import \"std/prices/rent.cost\"\noutput x = {name} in USD/h").Output("x").Value;
            Assert.That(value, Is.GreaterThan(0), name);
        }
    }

    [Test]
    public void EveryRentIsTheRangeOverItsQuotes()
    {
        var quotes = Quotes().GroupBy(q => GpuOf(q.Name)).ToDictionary(g => g.Key, g => g.Select(q => Value(q.Name)).ToList());
        var rented = HardwareBlocks().Where(b => b.Fields.Any(f => f.Name == "rent")).ToList();
        Assert.That(rented.Select(b => b.Name), Is.EquivalentTo(quotes.Where(q => q.Value.Count >= 2).Select(q => q.Key)), "hardware with two or more quotes has a rent, and only it");
        foreach (var block in rented)
        {
            var range = block.Fields.Single(f => f.Name == "rent").Value as RangeExpr;
            Assert.That(range, Is.Not.Null, $"{block.Name}.rent is a range 'low to high'");
            Assert.Multiple(() =>
            {
                Assert.That(Evaluate(range!.Low.Span.Text), Is.EqualTo(quotes[block.Name].Min()).Within(1e-9).Percent, $"{block.Name}.rent low end");
                Assert.That(Evaluate(range.High.Span.Text), Is.EqualTo(quotes[block.Name].Max()).Within(1e-9).Percent, $"{block.Name}.rent high end");
            });
        }
    }

    [Test]
    public void ACostWithTheCatalogRentCarriesTheMarketSpread()
    {
        var result = Spec.Clean("""
            import "std/hardware/nvidia.cost"
            output cost = 1000 h * H100_SXM.rent in USD
            """);
        Assert.That(result.Output("cost").Value, Is.InRange(2690, 12290));
    }

    private static double Value(string name) =>
        Spec.Clean($"import \"std/prices/rent.cost\"\noutput x = {name} in USD/h").Output("x").Value;

    private static double Evaluate(string expression) => Spec.Clean($"output x = {expression} in USD/h").Output("x").Value;

    private static string GpuOf(string quote)
    {
        var rest = quote["rent_".Length..];
        return HardwareBlocks().Select(b => b.Name).Where(n => rest.StartsWith(n + "_", StringComparison.Ordinal)).OrderByDescending(n => n.Length).FirstOrDefault() ?? rest;
    }

    private static IEnumerable<(string Name, LetDecl Let)> Quotes() =>
        Parse(Repository.PathTo("rules", "prices", "rent.cost")).OfType<LetDecl>().Select(l => (l.Name, l));

    private static IEnumerable<BlockDecl> HardwareBlocks() =>
        Directory.GetFiles(Repository.PathTo("rules", "hardware"), "*.cost").SelectMany(Parse).OfType<BlockDecl>().Where(b => b.Kind == BlockKind.Hardware);

    private static IReadOnlyList<Decl> Parse(string path)
    {
        var diagnostics = new DiagnosticBag();
        var tree = Parser.ParseFile(new SourceFile(path, File.ReadAllText(path)), diagnostics);
        Assert.That(diagnostics.Items, Is.Empty, () => DiagnosticRenderer.RenderAll(diagnostics.Items));
        return tree.Declarations;
    }

    private static string LineOf(SourceSpan span) => span.File.LineText(span.Line);

    [GeneratedRegex(@"\b(19|20)\d\d\b")]
    private static partial Regex Dated();
}
