using CostDsl.Engine;
using CostDsl.Semantics;
using CostDsl.Text;

namespace CostDsl.Tests.Language;

/// <summary>The checker's dependency map: what each declaration reads directly, as bound, in the order written (a conversion's unit first).</summary>
public class DeclarationDependenciesTests
{
    private const string Text = """
        unit CNY = USD / 7.1
        hardware Big { memory = 80 GB
          price = memory * 2 USD/GB }
        hardware Small extends Big { memory = 40 GB }
        fn h(x) = x * rate
        fn g(x) = h(x) * Big.price
        let rate = 3
        let total = g(2) + Small.price + 5 CNY
        output shown = total in CNY
        """;

    private static CheckedProgram Check()
    {
        var (program, diagnostics) = new CostEngine().Check(new SourceFile("spec.cost", Text));
        Assert.That(diagnostics.Where(d => d.Severity == CostDsl.Diagnostics.Severity.Error), Is.Empty);
        return program!;
    }

    private static string Show(IEnumerable<Reference> references) => string.Join(", ", references.Select(r => r switch
    {
        LetReference l => $"let {l.Let.Name}",
        FieldReference f => $"field {f.Block.Name}.{f.Field}",
        BlockReference b => $"block {b.Block.Name}",
        UnitReference u => $"unit {u.Unit.Name}",
        FunctionReference fn => $"fn {fn.Function.Name}",
        _ => r.ToString(),
    }));

    [Test]
    public void EachDeclarationListsWhatItReadsDirectlyInWrittenOrder()
    {
        var program = Check();
        var values = program.Model.Values;
        var small = (BlockSymbol)values["Small"];
        Assert.Multiple(() =>
        {
            Assert.That(Show(program.Dependencies.Of((LetSymbol)values["total"])), Is.EqualTo("fn g, field Small.price, unit CNY"));
            // A conversion's unit comes before the value converted, as explain lists them.
            Assert.That(Show(program.Dependencies.Of((LetSymbol)values["shown"])), Is.EqualTo("unit CNY, let total"));
            Assert.That(Show(program.Dependencies.Of(program.Model.Functions["g"])), Is.EqualTo("fn h, field Big.price"));
            Assert.That(Show(program.Dependencies.Of(program.Model.Functions["h"])), Is.EqualTo("let rate"));

            // An inherited field reads the fields of the block it is read through (extends overrides memory).
            Assert.That(Show(program.Dependencies.Of(small, "price")), Is.EqualTo("field Small.memory, unit USD"));
            Assert.That(Show(program.Dependencies.Of((LetSymbol)values["rate"])), Is.Empty);
        });
    }
}
