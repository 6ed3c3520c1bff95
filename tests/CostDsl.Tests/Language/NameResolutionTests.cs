using CostDsl.Engine;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Language;

public class NameResolutionTests
{
    [Test]
    public void DeclarationsMayComeInAnyOrder()
    {
        var result = Spec.Clean("output y = x * 2\nlet x = z + 1\nlet z = 1");
        Assert.That(result.Output("y").Value, Is.EqualTo(4));
    }

    [Test]
    public void OutputsAreNamesOtherExpressionsMayUse()
    {
        // The language design's own example asserts on an output: assert budget < 1e6 CNY.
        var result = Spec.Run("output budget = 3 * 1000 USD\nassert budget < 1e6 USD \"fits\"\noutput half = budget / 2");
        Assert.Multiple(() =>
        {
            Assert.That(result.Errors(), Is.Empty);
            Assert.That(result.Output("half").Value, Is.EqualTo(1500));
            Assert.That(result.Evaluation!.Asserts.Single().Passed, Is.True);
        });
    }

    [Test]
    public void AnOutputAndALetMayNotShareAName() =>
        Assert.That(Spec.Run("let x = 1\noutput x = 2").Single("CD0302").Message, Is.EqualTo("'x' is declared twice: output x here, and let x at spec.cost:1:5"));

    [Test]
    public void UnknownNameSuggestsTheClosestOne()
    {
        var diagnostic = Spec.Run("let gpus_needed = 3\noutput x = gpus_neded * 2").Single("CD0301");
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Message, Is.EqualTo("unknown name 'gpus_neded'; did you mean 'gpus_needed'?"));
            Assert.That((diagnostic.Line, diagnostic.Column), Is.EqualTo((2, 12)));
        });
    }

    [Test]
    public void DuplicateNamesNameBothPlaces()
    {
        var diagnostic = Spec.Run("let a = 1\nlet a = 2").Single("CD0302");
        Assert.That(diagnostic.Message, Is.EqualTo("'a' is declared twice: let a here, and let a at spec.cost:1:5"));
    }

    [Test]
    public void ACycleBetweenLetsNamesTheWholeCycle()
    {
        var diagnostic = Spec.Run("let a = b + 1\nlet b = c + 1\nlet c = a + 1\noutput x = a").Single("CD0306");
        Assert.That(diagnostic.Message, Is.EqualTo("definitions depend on each other in a cycle: a -> b -> c -> a"));
    }

    [Test]
    public void ACycleBetweenFieldsNamesTheWholeCycle()
    {
        var diagnostic = Spec.Run("model M {\n  a = b\n  b = a\n}").Single("CD0306");
        Assert.That(diagnostic.Message, Is.EqualTo("definitions depend on each other in a cycle: M.a -> M.b -> M.a"));
    }

    [Test]
    public void RecursionBetweenFunctionsIsAnError()
    {
        var diagnostic = Spec.Run("fn f(x) = g(x) + 1\nfn g(x) = f(x) * 2\noutput y = f(1)").Single("CD0305");
        Assert.That(diagnostic.Message, Is.EqualTo("functions may not be recursive: f -> g -> f"));
    }

    [Test]
    public void DirectRecursionIsAnError() =>
        Assert.That(Spec.Run("fn f(x) = if x > 0 then f(x - 1) else 0").Single("CD0305").Message, Is.EqualTo("functions may not be recursive: f -> f"));

    [Test]
    public void ExtendsCopiesFieldsAndOverridesWithLateBinding()
    {
        // B inherits 'double' from A, and it uses B's own memory.
        var result = Spec.Clean("""
            hardware A { memory = 80 GB; double = memory * 2 }
            hardware C extends A { memory = 40 GB }
            output a = A.double in GB
            output c = C.double in GB
            """);
        Assert.Multiple(() =>
        {
            Assert.That(result.Output("a").Value, Is.EqualTo(160));
            Assert.That(result.Output("c").Value, Is.EqualTo(80));
        });
    }

    [Test]
    public void ExtendsMustNameABlockOfTheSameKind()
    {
        var result = Spec.Run("model M { params = 1 }\nhardware H extends M { memory = 1 GB }\nhardware K extends Nope { }");
        Assert.That(result.Errors(), Is.EqualTo(new[] { "2:20 CD0310", "3:20 CD0310" }));
    }

    [Test]
    public void UserFunctionsTakeBlocksAndNamedArguments()
    {
        var result = Spec.Clean("""
            model M { params = 7e9 }
            fn flops(m, tokens) = 2 FLOP/token * m.params * tokens
            output x = flops(tokens: 10 token, m: M) in FLOP
            """);
        Assert.That(result.Output("x").Value, Is.EqualTo(1.4e11).Within(1e-6));
    }

    [Test]
    public void ImportsResolveRelativeToTheImportingFileAndTwiceIsHarmless()
    {
        using var folder = new TempFolder();
        folder.Write("lib/a.cost", "import \"b.cost\"\nlet a = b + 1");
        folder.Write("lib/b.cost", "let b = 41");
        folder.Write("main.cost", "import \"lib/a.cost\"\nimport \"lib/b.cost\"\noutput x = a");
        var result = new CostEngine().EvaluateFile(folder.PathOf("main.cost"));
        Assert.That(result.Output("x").Value, Is.EqualTo(42));
    }

    [Test]
    public void AnImportCycleIsAnErrorNamingTheCycle()
    {
        using var folder = new TempFolder();
        folder.Write("a.cost", "import \"b.cost\"\nlet a = 1");
        folder.Write("b.cost", "import \"a.cost\"\nlet b = 2");
        var result = new CostEngine().EvaluateFile(folder.PathOf("a.cost"));
        Assert.That(result.Single("CD0303").Message, Is.EqualTo("import cycle: a.cost -> b.cost -> a.cost"));
    }

    [Test]
    public void AMissingImportIsAnErrorAtItsPath()
    {
        var result = Spec.Run("import \"nowhere.cost\"\nlet a = 1");
        Assert.That(result.Errors(), Is.EqualTo(new[] { "1:8 CD0304" }));
    }

    [Test]
    public void BundledLibraryImportsResolveInsideTheTool()
    {
        var result = Spec.Run("import \"std/nope.cost\"");
        Assert.That(result.Single("CD0304").Message, Does.StartWith("the bundled library has no 'std/nope.cost'"));
    }
}
